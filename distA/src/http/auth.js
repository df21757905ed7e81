/**
 * The secret a request presents: "Authorization: Bearer …" (or "Token …", as InfluxDB
 * clients send it); on InfluxDB-compatible routes also basic auth's password or the `p`
 * query parameter, the way Influx 1.x clients (Telegraf among them) send credentials.
 */
export function presentedSecret(request) {
    const header = request.headers.authorization;
    const bearer = header ? /^(?:Bearer|Token)\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
    if (bearer || !request.routeOptions.config?.influxCredentials)
        return bearer;
    const basic = header ? /^Basic\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
    if (basic) {
        const decoded = Buffer.from(basic, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        return colon >= 0 ? decoded.slice(colon + 1) : undefined;
    }
    const p = request.query?.p;
    return typeof p === 'string' && p !== '' ? p : undefined;
}
//# sourceMappingURL=auth.js.map
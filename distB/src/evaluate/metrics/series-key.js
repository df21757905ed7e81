export function parseSeriesKey(key) {
    // Keys are latin1 views of the received bytes; names are UTF-8.
    const text = Buffer.from(key, 'latin1').toString('utf8');
    const [series = '', field = ''] = splitUnescaped(text, ' ', 2);
    const [measurement = '', ...tagPairs] = splitUnescaped(series, ',');
    const tags = {};
    for (const pair of tagPairs) {
        const [k = '', v = ''] = splitUnescaped(pair, '=', 2);
        tags[unescape(k)] = unescape(v);
    }
    return { measurement: unescape(measurement), tags, field: unescape(field) };
}
/** Splits on `sep` where it is not backslash-escaped; the last part keeps the rest. */
function splitUnescaped(text, sep, limit = Infinity) {
    const parts = [];
    let start = 0;
    for (let i = 0; i < text.length && parts.length < limit - 1; i++) {
        if (text[i] === '\\')
            i++;
        else if (text[i] === sep) {
            parts.push(text.slice(start, i));
            start = i + 1;
        }
    }
    parts.push(text.slice(start));
    return parts;
}
const unescape = (s) => s.replace(/\\([ ,=\\"])/g, '$1');
//# sourceMappingURL=series-key.js.map
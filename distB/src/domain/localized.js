/** Text the product shows people, in every language it speaks. */
export const LANGUAGES = ['en', 'zh'];
//# sourceMappingURL=localized.js.map
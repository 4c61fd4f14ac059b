/**
 * Names as the search compares them: lower case, accents gone ("Zoë" is found by "zoe"),
 * apostrophes dropped ("O'Brien" is "obrien"), anything else that is not a letter or digit
 * splits words ("Smith-Jones" is "smith" and "jones").
 */
export function nameTokens(text: string): string[] {
  const folded = text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’ʼ`]/g, '')
  return folded.split(/[^\p{L}\p{N}]+/u).filter((token) => token.length > 0)
}

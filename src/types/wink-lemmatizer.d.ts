/** wink-lemmatizer (MIT) ships no types: its three lemmatizers, each a WordNet-based map of a word to its base form. */
declare module "wink-lemmatizer" {
  const lemmatizer: { verb(word: string): string; noun(word: string): string; adjective(word: string): string };
  export default lemmatizer;
}

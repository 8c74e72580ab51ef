// jschardet ships no type declarations: the part of its API that decode.ts uses.
declare module 'jschardet' {
  interface Detection {
    encoding: string | null;
    confidence: number;
  }
  const jschardet: { detect(input: Buffer | string): Detection };
  export default jschardet;
}

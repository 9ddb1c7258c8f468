// svg-to-pdfkit ships no types: the one function it exports, as this code calls it.
declare module 'svg-to-pdfkit' {
  export default function SVGtoPDF(
    doc: PDFKit.PDFDocument,
    svg: string,
    x: number,
    y: number,
    options?: {
      width?: number;
      height?: number;
      fontCallback?: (family: string, bold: boolean, italic: boolean, options: { text?: string }) => string;
    },
  ): void;
}

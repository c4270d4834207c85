import { type ImportTemplate, xlsxTemplateOf } from "../../../shared/import-templates.ts";

/** Offers the CSV template; the BOM makes Excel read the Vietnamese header as UTF-8. */
export function downloadTemplate(fileName: string, header: string): void {
  saveFile(fileName, new Blob([`\uFEFF${header}\r\n`], { type: "text/csv;charset=utf-8" }));
}

/** Offers the Excel template, built here: exceljs is loaded only when someone asks for it. */
export async function downloadXlsxTemplate(fileName: string, template: ImportTemplate): Promise<void> {
  const excel = (await import("exceljs")).default;
  const content = await xlsxTemplateOf(excel, template);
  saveFile(
    fileName,
    new Blob([content], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
  );
}

function saveFile(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The file's bytes as base64, as the import endpoints expect. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error);
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.readAsDataURL(file);
  });
}

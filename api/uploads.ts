import busboy from 'busboy';
import type { Request } from 'express';
import { documentMediaType, MB, type DocumentLimits, type DocumentMediaType } from '../platform/documents';
import { ApiError, validationFailed } from './errors';

/** A file of a multipart request, whole, its type checked by its content. */
export interface UploadedFile {
  /** The form field it came in (`file`, `documents[2]`). */
  field: string;
  fileName: string;
  bytes: Buffer;
  mediaType: DocumentMediaType;
}

export interface MultipartBody {
  fields: Map<string, string>;
  files: UploadedFile[];
}

/** Text fields of a form: as many and as large as the JSON bodies the API takes. */
const FIELD_LIMITS = { fields: 200, fieldSize: 100_000 };

export function isMultipart(req: Request): boolean {
  return req.is('multipart/form-data') === 'multipart/form-data';
}

const megabytes = (bytes: number) =>
  new Intl.NumberFormat('vi-VN', { maximumSignificantDigits: 3 }).format(bytes / MB);

export const fileTooLarge = (fileName: string, limits: DocumentLimits) =>
  new ApiError(413, 'FILE_TOO_LARGE', `Tệp “${fileName}” lớn hơn ${megabytes(limits.fileBytes)} MB cho phép`);

export const dossierFilesTooLarge = (limits: DocumentLimits) =>
  new ApiError(
    413,
    'DOSSIER_FILES_TOO_LARGE',
    `Tổng dung lượng các tệp của hồ sơ vượt quá ${megabytes(limits.dossierBytes)} MB cho phép`,
  );

const unsupportedType = (fileName: string) =>
  new ApiError(
    415,
    'UNSUPPORTED_FILE_TYPE',
    `Tệp “${fileName}” không phải là PDF, JPEG hoặc PNG (hệ thống kiểm tra nội dung tệp, không dựa vào tên tệp)`,
  );

/** What a multipart request brought, its files not typed yet. */
export interface ReceivedMultipart {
  fields: Map<string, string>;
  files: Omit<UploadedFile, 'mediaType'>[];
}

/** Reads a multipart/form-data request and types its files (receiveMultipart, then typeFiles). */
export async function readMultipart(
  req: Request,
  limits: DocumentLimits,
  maxFiles: number,
): Promise<MultipartBody> {
  const received = await receiveMultipart(req, limits, maxFiles);
  return { fields: received.fields, files: await typeFiles(received.files) };
}

/** Files typed by their content: anything but PDF, JPEG or PNG answers 415. */
export async function typeFiles(received: ReceivedMultipart['files']): Promise<UploadedFile[]> {
  const files: UploadedFile[] = [];
  for (const file of received) {
    const mediaType = await documentMediaType(file.bytes);
    if (!mediaType) throw unsupportedType(file.fileName);
    files.push({ ...file, mediaType });
  }
  return files;
}

/**
 * Reads a multipart/form-data request with busboy. The limits hold while the bytes stream in: a file
 * past the per-file limit, or files past the per-dossier limit together, stop the reading there and
 * answer 413, so an oversized upload is never held whole. Files are kept in memory up to those limits
 * (a few MB of scans). A file input left empty (no name, no bytes, as browsers send it) is no file.
 */
export function receiveMultipart(
  req: Request,
  limits: DocumentLimits,
  maxFiles: number,
): Promise<ReceivedMultipart> {
  return new Promise((resolve, reject) => {
    const fields = new Map<string, string>();
    const files: Omit<UploadedFile, 'mediaType'>[] = [];
    let total = 0;
    let failed = false;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { ...FIELD_LIMITS, files: maxFiles, fileSize: limits.fileBytes },
      });
    } catch {
      return reject(validationFailed([{ path: 'body', message: 'malformed multipart/form-data' }]));
    }
    // Stops reading into the parser; the rest of the request is drained so that the answer can be sent.
    const fail = (err: ApiError) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume();
      reject(err);
    };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(validationFailed([{ path: name, message: 'field too long' }]));
      else fields.set(name, value);
    });
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > limits.dossierBytes) fail(dossierFilesTooLarge(limits));
        else chunks.push(chunk);
      });
      stream.on('limit', () => fail(fileTooLarge(info.filename ?? field, limits)));
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks);
        if (info.filename || bytes.length > 0) files.push({ field, fileName: info.filename || field, bytes });
      });
    });
    parser.on('filesLimit', () =>
      fail(validationFailed([{ path: 'body', message: `at most ${maxFiles} files` }])),
    );
    parser.on('fieldsLimit', () => fail(validationFailed([{ path: 'body', message: 'too many fields' }])));
    parser.on('error', () =>
      fail(validationFailed([{ path: 'body', message: 'malformed multipart/form-data' }])),
    );
    parser.on('close', () => {
      if (!failed) resolve({ fields, files });
    });
    req.pipe(parser);
  });
}

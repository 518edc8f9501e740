// A tiny HTTP client for the server tests (parley serve, parley classroom): raw requests, so every status and
// header can be checked.
import http from 'node:http';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: { ok: boolean; value?: any; error?: { code: string; message: string; details?: { path: string; message: string }[] } };
}

export function request(port: number, method: string, urlPath: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers: { ...(body !== undefined && { 'Content-Type': 'application/json' }), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Reply['json'] = { ok: false };
        try {
          json = JSON.parse(text);
        } catch {
          /* static responses are not JSON */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** POST /api/classroom.<method> with a JSON body and, when given, a bearer token. */
export const call = (port: number, method: string, body: unknown = {}, token?: string, headers: Record<string, string> = {}) =>
  request(port, 'POST', `/api/classroom.${method}`, JSON.stringify(body), { ...(token !== undefined && { Authorization: `Bearer ${token}` }), ...headers });

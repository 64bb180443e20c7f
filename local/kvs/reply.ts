/** What a `/api/v1/*` request answers: a status and, unless 204, a JSON body. */
export interface KvsReply {
  status: number;
  body?: unknown;
}

export const ok = (body: unknown): KvsReply => ({ status: 200, body });
export const NO_CONTENT: KvsReply = { status: 204 };

/** Forge's webtrigger request (FORGE-FACTS §1.4): lower-case header names, every value a list. */
export interface WebtriggerRequest {
  method?: unknown;
  headers?: Record<string, unknown>;
  body?: unknown;
}

/**
 * The request as the webtrigger use cases read it: its method, one header by name (the first value),
 * and the raw body, kept a string so that signatures cover its exact bytes.
 */
export function incomingRequest(request: WebtriggerRequest): {
  method: string;
  header: (name: string) => string | undefined;
  body: string;
} {
  const headers = request.headers ?? {};
  return {
    method: typeof request.method === 'string' ? request.method : '',
    header: (name) => {
      const v = headers[name] ?? headers[name.toLowerCase()];
      const first: unknown = Array.isArray(v) ? v[0] : v;
      return typeof first === 'string' ? first : undefined;
    },
    body: typeof request.body === 'string' ? request.body : '',
  };
}

// The parts of Postman's script sandbox that pm-cognito uses, in both the old (newman) and new (app) sandbox.

interface PmHeaderList {
  get(name: string): string | undefined;
  has(name: string): boolean;
  upsert(header: { key: string; value: string }): void;
  remove(name: string): void;
  each(fn: (header: { key: string; value: string; disabled?: boolean }) => void): void;
}

interface PmResponse {
  code: number;
  /** Bytes of the answer (newman 6.2.2 and the app set it). */
  responseSize?: number;
  text(): string;
  headers: { get(name: string): string | undefined };
}

interface PmRequestAuth {
  type: string;
  toJSON?(): unknown;
}

interface Pm {
  variables: { get(name: string): unknown; set(name: string, value: string): void; replaceIn(template: string): string; toObject?(excludeDisabled?: boolean): Record<string, unknown> };
  collectionVariables: { get(name: string): unknown; set(name: string, value: string): void };
  environment?: { get(name: string): unknown };
  request: {
    headers: PmHeaderList;
    auth?: PmRequestAuth;
    url: { toString(): string };
    body?: { mode?: string; raw?: string };
  };
  info: { requestName: string; eventName: string };
  /** Postman Vault (the app only, once "Enable support in scripts" is on): a secret's value, undefined when unknown. */
  vault?: { get(name: string): Promise<unknown> };
  execution?: { skipRequest(): void; location?: string[] & { current?: string } };
  test(name: string, fn: () => void): void;
  sendRequest(
    request: { url: string; method: string; header: Array<{ key: string; value: string }>; body: { mode: 'raw'; raw: string } },
    callback: (error: { code?: string; message?: string } | null, response: PmResponse) => void,
  ): unknown;
}

declare const pm: Pm;

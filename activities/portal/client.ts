import type { Config } from '../../platform/config/config';
import { PORTAL_PATHS, alreadyExists, succeeded, type PortalAnswer } from '../../domain/portal/transport';

export interface PortalConnection {
  baseUrl: string;
  username: string;
  password: string;
  /** The province's unit code (`madonvi`). */
  unitCode: string;
  /** Routing header on the government integration platform, when the deployment goes through it. */
  dstcode?: string;
  /** How long one HTTP call may take before it counts as failed. */
  timeoutMs: number;
}

/** The portal the settings point at; undefined when none is configured. */
export function portalConnectionOf(config: Config): PortalConnection | undefined {
  if (!config.MOTCUA_PORTAL_URL) return undefined;
  // loadConfig refuses a portal URL without these.
  return {
    baseUrl: config.MOTCUA_PORTAL_URL,
    username: config.MOTCUA_PORTAL_USERNAME!,
    password: config.MOTCUA_PORTAL_PASSWORD!,
    unitCode: config.MOTCUA_PORTAL_UNIT_CODE!,
    dstcode: config.MOTCUA_PORTAL_DSTCODE,
    timeoutMs: config.MOTCUA_PORTAL_TIMEOUT_MS,
  };
}

export class PortalUnavailableError extends Error {
  override name = 'PortalUnavailableError';
}

export interface PortalClient {
  /** One operation; a refused call is sent once more on a new session. Refusals are returned, not thrown. */
  call(
    path: keyof typeof PORTAL_PATHS,
    service: string,
    params: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<PortalAnswer>;
}

/** A client that keeps one session and logs in again when the portal refuses it. */
export function createPortalClient(connection: PortalConnection): PortalClient {
  let session: Promise<string> | undefined;

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const url = connection.baseUrl.replace(/\/+$/, '') + path;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          ...(connection.dstcode ? { dstcode: connection.dstcode } : {}),
          ...headers,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(connection.timeoutMs),
      });
    } catch (err) {
      throw new PortalUnavailableError(`national portal unreachable at ${url}: ${String(err)}`);
    }
    if (!res.ok) throw new PortalUnavailableError(`national portal answered HTTP ${res.status} at ${url}`);
    return (await res.json()) as PortalAnswer;
  };

  const login = async () => {
    const answer = await post(PORTAL_PATHS.login, {
      username: connection.username,
      password: connection.password,
    });
    if (!succeeded(answer) || !answer.session) {
      throw new PortalUnavailableError(
        `national portal login refused: ${answer.message ?? answer.error_code}`,
      );
    }
    return answer.session;
  };

  const currentSession = () => {
    session ??= login().catch((err: unknown) => {
      session = undefined;
      throw err;
    });
    return session;
  };

  return {
    async call(path, service, params, headers) {
      const send = async () =>
        post(
          PORTAL_PATHS[path],
          { session: await currentSession(), madonvi: connection.unitCode, service, ...params },
          headers,
        );
      const answer = await send();
      // The portal's code for an expired session is not known; any refusal earns one fresh login.
      if (succeeded(answer) || alreadyExists(answer)) return answer;
      session = undefined;
      return send();
    },
  };
}

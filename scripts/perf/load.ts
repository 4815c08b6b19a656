import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadResult {
  readonly latencies: number[];
  readonly rps: number;
  readonly non200: number;
}

/** One POST over a keep-alive agent; resolves with the status code. */
const post = (agent: Agent, url: URL, body: string): Promise<number> =>
  new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });

/**
 * Closed-loop load: `connections` clients, each sending the next prepared request as soon as the
 * previous one is answered, until all are sent. Requests are prepared beforehand so signing and
 * encrypting them costs nothing during the measurement. Loopback only.
 */
export const closedLoop = async (
  base: string,
  requests: readonly { query: string; body: string }[],
  connections: number,
): Promise<LoadResult> => {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let next = 0;
  let non200 = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (;;) {
        const i = next++;
        const r = requests[i];
        if (!r) return;
        const s = performance.now();
        const status = await post(agent, new URL(`${base}?${r.query}`), r.body);
        latencies.push(performance.now() - s);
        if (status !== 200) non200++;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  agent.destroy();
  return { latencies, rps: requests.length / secs, non200 };
};

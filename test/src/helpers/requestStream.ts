export interface RequestStreamOptions {
  /** Steady rate, whatever becomes of the requests already sent (an open loop: a stalled server does not slow it). */
  perSecond: number;
  /** Sends one request and deals with its outcome; a rejection is counted and otherwise ignored. */
  send: () => Promise<void>;
}

export interface RequestStream {
  /** Sends `count` more requests at once, on top of the steady ones. */
  burst(count: number): void;
  /** Stops sending and waits until every request sent has settled. */
  stop(): Promise<void>;
  /** Requests sent so far. */
  readonly sent: number;
  /** Requests whose `send` rejected. */
  readonly rejected: number;
}

/** A steady stream of requests, as a busy partner's client sends them. */
export function startRequestStream(options: RequestStreamOptions): RequestStream {
  const underWay = new Set<Promise<void>>();
  let sent = 0;
  let rejected = 0;
  const sendOne = () => {
    sent++;
    const request: Promise<void> = options
      .send()
      .catch(() => void rejected++)
      .finally(() => underWay.delete(request));
    underWay.add(request);
  };
  const timer = setInterval(sendOne, 1000 / options.perSecond);
  return {
    burst(count) {
      for (let i = 0; i < count; i++) sendOne();
    },
    async stop() {
      clearInterval(timer);
      while (underWay.size > 0) await Promise.allSettled([...underWay]);
    },
    get sent() {
      return sent;
    },
    get rejected() {
      return rejected;
    },
  };
}

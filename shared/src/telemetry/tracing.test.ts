import type { tracing } from '@opentelemetry/sdk-node';
import { describe, expect, it } from 'vitest';
import { tracingEnabled, withoutPersonalData } from './tracing.js';

type ReadableSpan = tracing.ReadableSpan;

/** An exporter that keeps what it is given, as a collector would receive it. */
function keeping() {
  const exported: ReadableSpan[] = [];
  const exporter: tracing.SpanExporter = {
    export(spans, done) {
      exported.push(...spans);
      done({ code: 0 });
    },
    shutdown: async () => {},
  };
  return { exported, exporter };
}

const span = (name: string, attributes: Record<string, unknown>, events: { name: string; attributes?: Record<string, unknown> }[] = []) =>
  ({ name, attributes: { ...attributes }, events: events.map((e) => ({ ...e, time: [0, 0] })) }) as unknown as ReadableSpan;

describe('withoutPersonalData', () => {
  it('drops every attribute that looks like a national number, in either written form, and keeps the rest', () => {
    const { exported, exporter } = keeping();
    withoutPersonalData(exporter).export(
      [
        span('graphql.execute', {
          'graphql.source': 'query { person(ssin: "*") { name { lastName } } }',
          'graphql.operation.name': 'Lookup85073003328',
          'db.statement': '{"_id":"?"}',
          formatted: 'person 85.07.30-033.28',
          list: ['a', '85073003328'],
          'http.response_content_length': 12345678901,
        }),
      ],
      () => {},
    );
    expect(exported[0]!.attributes).toEqual({
      'graphql.source': 'query { person(ssin: "*") { name { lastName } } }',
      'db.statement': '{"_id":"?"}',
      'http.response_content_length': 12345678901,
    });
  });

  it("masks a national number in a span's name (operation names and aliases are the partner's choice)", () => {
    const { exported, exporter } = keeping();
    withoutPersonalData(exporter).export(
      [span('query P85073003328', {}), span('graphql.resolve a85073003328.name', {}), span('POST /graphql', {})],
      () => {},
    );
    expect(exported.map((s) => s.name)).toEqual(['query P…', 'graphql.resolve a….name', 'POST /graphql']);
  });

  it("drops such attributes from a span's events too", () => {
    const { exported, exporter } = keeping();
    withoutPersonalData(exporter).export(
      [span('graphql.validate', {}, [{ name: 'exception', attributes: { 'exception.message': 'no person 85073003328', kept: 'yes' } }])],
      () => {},
    );
    expect(exported[0]!.events[0]!.attributes).toEqual({ kept: 'yes' });
  });
});

describe('tracingEnabled: off unless an exporter is configured', () => {
  it.each([
    [{}, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }, true],
    [{ OTEL_TRACES_EXPORTER: 'console' }, true],
    [{ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, false],
    [{ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' }, false],
  ] as const)('%o → %s', (env, on) => {
    expect(tracingEnabled(env)).toBe(on);
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { csvLine } from '../../../src/core/csv/format.ts';
import { compileRedactor } from '../../../src/core/llm/redact.ts';
import { maskMessage } from '../../../src/core/message-key.ts';
import { startMockOpenAiServer, type MockOpenAiServer } from '../../helpers/mock-openai-server.ts';
import { labelledRows } from '../../helpers/fixtures.ts';

const BIN = fileURLToPath(new URL('../../../bin/logsift.js', import.meta.url));
const KEY = 'gsk_cli_S3CRET_never_printed';
const dir = mkdtempSync(join(tmpdir(), 'logsift-llm-cli-'));
const rows = labelledRows(2000, 21);
const unlabelled = join(dir, 'logs.csv');
const labelled = join(dir, 'labelled.csv');
let server: MockOpenAiServer;

/** Runs the CLI without blocking this process (the mock server lives here). */
function logsift(args: string[], env: Record<string, string> = { LOGSIFT_LLM_API_KEY: KEY }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, LOGSIFT_LLM_API_KEY: '', ...env }, maxBuffer: 1 << 26 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
const parse = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;

beforeAll(async () => {
  server = await startMockOpenAiServer({ requireKey: KEY });
  writeFileSync(unlabelled, csvLine(['id', 'source', 'log_message']) + rows.map((r, i) => csvLine([String(i), r.source, r.message])).join(''));
  writeFileSync(labelled, csvLine(['source', 'log_message', 'target_label']) + rows.map((r) => csvLine([r.source, r.message, r.label])).join(''));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

describe('logsift --llm openai', () => {
  it('classifies routed and rare rows through the API, once per distinct message, and says what went where', async () => {
    const { code, stdout, stderr } = await logsift(['classify', unlabelled, '--explain', '--llm', 'openai', '--llm-base-url', server.baseUrl, '--llm-model', 'deepseek-r1-distill-llama-70b']);
    expect(code).toBe(0);
    const out = parse(stdout).slice(1);
    expect(out).toHaveLength(rows.length);
    const llmRows = out.filter((row) => row[4] === 'llm');
    const routed = rows.filter((r) => r.source === 'LegacyCRM').length;
    expect(llmRows.length).toBeGreaterThanOrEqual(routed);
    expect(out.filter((row) => row[4] === 'llm-pending')).toHaveLength(0);
    out.forEach((row, i) => {
      if (rows[i].label === 'Workflow Error') expect(row.slice(3, 5)).toEqual(['Workflow Error', 'llm']);
    });
    const sent = server.chatRequests().length;
    const redact = compileRedactor();
    expect(sent).toBe(new Set(llmRows.map((row) => redact(maskMessage(row[2])))).size);
    expect(stderr).toContain(`LLM: sent ${sent} distinct messages to ${new URL(server.baseUrl).host} (model deepseek-r1-distill-llama-70b)`);
    // The key went in the Authorization header only, and was never printed.
    for (const request of server.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(request.url + request.body).not.toContain(KEY);
    }
    expect(stdout + stderr).not.toContain(KEY);
  });

  it('without --llm, routed rows stay Unclassified and nothing is sent', async () => {
    const { code, stdout } = await logsift(['classify', unlabelled, '--explain']);
    expect(code).toBe(0);
    expect(parse(stdout).some((row) => row[4] === 'llm-pending')).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it('a cache file makes the second run send nothing', async () => {
    const cache = join(dir, 'llm-cache.json');
    const args = ['classify', unlabelled, '--llm', 'openai', '--llm-base-url', server.baseUrl, '--llm-model', 'qwen/qwen3-32b', '--llm-cache', cache];
    const first = await logsift(args);
    const sent = server.chatRequests().length;
    expect(sent).toBeGreaterThan(0);
    expect(readFileSync(cache, 'utf8')).not.toContain(KEY);
    const second = await logsift(args);
    expect(server.chatRequests()).toHaveLength(sent);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toMatch(/LLM: sent 0 distinct messages .*; \d+ answered from the cache/);
  });

  it('retries 429 and 500 from the server and still labels every row', async () => {
    server.behaviour.failures.push({ status: 429, retryAfter: '0' }, { status: 500, retryAfter: '0' });
    const { code, stderr } = await logsift(['classify', unlabelled, '--llm', 'openai', '--llm-base-url', server.baseUrl, '--llm-model', 'qwen/qwen3-32b', '--llm-concurrency', '1']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/answered 429.*Retrying/);
    expect(stderr).toMatch(/answered 500.*Retrying/);
    expect(stderr).not.toMatch(/failed/);
  });

  it('eval runs the LLM tier on the held-out rows', async () => {
    // 30 % held out, so that the file's few Workflow Error rows have one in the held-out part.
    const { code, stdout, stderr } = await logsift(['eval', labelled, '--json', '--test-fraction', '0.3', '--llm', 'openai', '--llm-base-url', server.baseUrl, '--llm-model', 'qwen/qwen3-32b']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.tiers.llm).toBeGreaterThan(0);
    expect(result.perClass['Workflow Error'].recall).toBeGreaterThan(0.9);
    expect(stderr).toMatch(/LLM: sent \d+ distinct messages/);
  }, 30_000);

  it('sends masked and redacted messages only: no e-mail, IPv6 or user@host leaves', async () => {
    const personal = join(dir, 'personal.csv');
    const lines = [
      'Escalation rule 7 did not fire for case 99 owned by jane.doe@example.com',
      'SOAP interface LeadService is deprecated, caller fe80::1ff:fe23:4567:890a',
      'Workflow 12 halted for root@crm-07 with token=abcDEF123xyz',
    ];
    writeFileSync(personal, csvLine(['source', 'log_message']) + lines.map((line) => csvLine(['LegacyCRM', line])).join(''));
    const { code, stderr } = await logsift(['classify', personal, '--llm', 'openai', '--llm-base-url', server.baseUrl, '--llm-model', 'qwen/qwen3-32b']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/sending distinct masked and redacted messages/);
    const bodies = server.chatRequests().map((r) => r.body);
    expect(bodies).toHaveLength(3);
    expect(bodies.join('\n')).not.toMatch(/jane|example\.com|fe80|1ff|root|crm-|abcDEF/);
    expect(bodies.join('\n')).toMatch(/<email>[\s\S]*<ip>[\s\S]*<user>@<host> with token=<secret>/);
  });

  it('refuses a redirect to another server and says where it pointed; that server gets nothing', async () => {
    const redirector = await startMockOpenAiServer({ redirectTo: server.baseUrl });
    try {
      for (const model of [[], ['--llm-model', 'qwen/qwen3-32b']]) {
        const { code, stderr } = await logsift(['classify', unlabelled, '--llm', 'openai', '--llm-base-url', redirector.baseUrl, ...model]);
        expect(code).toBe(1);
        expect(stderr).toContain(`answered 307, a redirect to http://${new URL(server.baseUrl).host}/v1/`);
        expect(stderr).toMatch(/which logsift does not follow: nothing was sent there/);
        expect(stderr).not.toContain(KEY);
      }
      expect(server.requests).toHaveLength(0);
      expect(redirector.requests.length).toBeGreaterThan(0);
    } finally {
      await redirector.close();
    }
  });

  it('fails clearly: wrong key, no model, bad flags – and never prints the key', async () => {
    const wrong = await logsift(['classify', unlabelled, '--llm', 'openai', '--llm-base-url', server.baseUrl, '--llm-model', 'qwen/qwen3-32b'], { LOGSIFT_LLM_API_KEY: 'nope-not-it' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/answered 401.*refused the API key/);
    expect(wrong.stderr).not.toContain('nope-not-it');
    const noModel = await logsift(['classify', unlabelled, '--llm', 'openai', '--llm-base-url', server.baseUrl]);
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/--llm-model is required\. 127\.0\.0\.1:\d+ offers: deepseek-r1-distill-llama-70b, llama-3\.3-70b-versatile, qwen\/qwen3-32b/);
    expect((await logsift(['classify', unlabelled, '--llm', 'webllm'])).stderr).toMatch(/--llm must be "openai"/);
    expect((await logsift(['classify', unlabelled, '--llm-model', 'x'])).stderr).toMatch(/--llm-model needs --llm openai/);
    expect((await logsift(['classify', unlabelled, '--llm', 'openai', '--llm-base-url', `https://x.example/v1?key=${KEY}`])).stderr).not.toContain(KEY);
  });
});

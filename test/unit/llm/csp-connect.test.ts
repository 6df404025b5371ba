import { describe, expect, it } from 'vitest';
import { cspAllowsConnect, cspBlockedMessage } from '../../../src/core/llm/csp-connect.ts';
import { llmWorkerCsp, PAGE_CSP } from '../../../scripts/lib/csp.ts';

const SELF = 'http://127.0.0.1:4173/assets/llm.worker-abc.js';

describe('cspAllowsConnect', () => {
  it('follows the LLM worker’s own policy: its default hosts and a deployment’s extra ones', () => {
    const policy = llmWorkerCsp([]);
    expect(cspAllowsConnect(policy, 'https://api.groq.com/openai/v1/models', SELF)).toBe(true);
    expect(cspAllowsConnect(policy, 'http://127.0.0.1:11434/v1/models', SELF)).toBe(true);
    expect(cspAllowsConnect(policy, 'http://localhost:1234/v1', SELF)).toBe(true);
    expect(cspAllowsConnect(policy, 'https://cdn-lfs.huggingface.co/x', SELF)).toBe(true);
    expect(cspAllowsConnect(policy, 'https://llm.internal.example/v1/models', SELF)).toBe(false);
    // The bare domain is not covered by its wildcard, nor another port by a host without one.
    expect(cspAllowsConnect(policy, 'https://hf.co/x', SELF)).toBe(false);
    expect(cspAllowsConnect(policy, 'https://api.groq.com:8443/v1', SELF)).toBe(false);
    expect(cspAllowsConnect(llmWorkerCsp(['https://llm.internal.example']), 'https://llm.internal.example/v1/models', SELF)).toBe(true);
  });

  it('reads the page policy as allowing only its own origin', () => {
    expect(cspAllowsConnect(PAGE_CSP, 'http://127.0.0.1:4173/default-bundle.json', SELF)).toBe(true);
    expect(cspAllowsConnect(PAGE_CSP, 'http://127.0.0.1:9999/v1', SELF)).toBe(false);
    expect(cspAllowsConnect(PAGE_CSP, 'https://api.groq.com/openai/v1', SELF)).toBe(false);
  });

  it('falls back to default-src, allows everything without a policy, and needs every policy of a header to allow', () => {
    expect(cspAllowsConnect("default-src 'self'", 'https://api.groq.com/v1', SELF)).toBe(false);
    expect(cspAllowsConnect("script-src 'self'", 'https://api.groq.com/v1', SELF)).toBe(true);
    expect(cspAllowsConnect(null, 'https://anything.example/v1', SELF)).toBe(true);
    expect(cspAllowsConnect("connect-src https:, connect-src https://a.example", 'https://b.example/v1', SELF)).toBe(false);
    expect(cspAllowsConnect("connect-src https:, connect-src https://a.example", 'https://a.example/v1', SELF)).toBe(true);
    expect(cspAllowsConnect("connect-src 'none'", 'http://127.0.0.1:4173/x', SELF)).toBe(false);
  });

  it('matches paths, wildcard ports and the upgrade from http to https', () => {
    expect(cspAllowsConnect('connect-src https://a.example/api/', 'https://a.example/api/v1/models', SELF)).toBe(true);
    expect(cspAllowsConnect('connect-src https://a.example/api/', 'https://a.example/other', SELF)).toBe(false);
    expect(cspAllowsConnect('connect-src http://a.example', 'https://a.example/v1', SELF)).toBe(true);
    expect(cspAllowsConnect('connect-src a.example:*', 'http://a.example:8080/v1', SELF)).toBe(true);
    expect(cspAllowsConnect('connect-src http://[::1]:*', 'http://[::1]:11434/v1', SELF)).toBe(true);
  });
});

describe('cspBlockedMessage', () => {
  it('names the origin and the setting that allows it', () => {
    const message = cspBlockedMessage('https://llm.internal.example/v1');
    expect(message).toContain('Content-Security-Policy');
    expect(message).toContain('LOGSIFT_CONNECT_HOSTS="https://llm.internal.example"');
    expect(message).toContain('nothing was sent');
  });
});

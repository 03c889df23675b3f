// AWS Backup wildcard patterns and the sorted-ARN index that finds their candidates.
import { describe, expect, it } from "vitest";
import { PrefixIndex, compilePattern, wildcardMatch } from "../../src/copies/patterns.js";

describe("wildcard patterns", () => {
  it("lets * match any run, dots, slashes and colons included, and ? one character", () => {
    expect(wildcardMatch("arn:aws:s3:::*", "arn:aws:s3:::media.example.com")).toBe(true);
    expect(wildcardMatch("arn:aws:dynamodb:*:*:table/*", "arn:aws:dynamodb:eu-west-1:123:table/a/b")).toBe(true);
    expect(wildcardMatch("*", "")).toBe(true);
    expect(wildcardMatch("a*b*c", "a-b-x-c")).toBe(true);
    expect(wildcardMatch("a*b*c", "a-b-x-d")).toBe(false);
    expect(wildcardMatch("logs?prod", "logs.prod")).toBe(true);
    expect(wildcardMatch("logs?prod", "logsprod")).toBe(false);
    expect(wildcardMatch("arn:aws:s3:::a", "arn:aws:s3:::ab")).toBe(false);
  });
});

describe("the ARN index", () => {
  // 1,000 tables t<i>-records-s<i mod 50> and one dotted bucket.
  const entries: [string, string][] = Array.from({ length: 1000 }, (_, i) => [`arn:aws:dynamodb:eu-west-1:1:table/t${i}-records-s${i % 50}`, `t${i}`]);
  entries.push(["arn:aws:s3:::a.b", "bucket"]);
  const ix = new PrefixIndex(entries);
  const found = (p: string) => [...ix.matches(compilePattern(p))].sort();

  it("finds exactly the matching keys through a literal prefix or a literal suffix", () => {
    expect(found("arn:aws:dynamodb:eu-west-1:1:table/t1-*")).toEqual(["t1"]);
    // shard 7: i = 7, 57, ..., 957
    expect(found("arn:aws:dynamodb:*:*:table/*-s7")).toEqual(Array.from({ length: 20 }, (_, k) => `t${7 + 50 * k}`).sort());
    expect(found("*-s7")).toHaveLength(20);
    expect(found("*")).toHaveLength(1001);
    expect(found("arn:aws:s3:::*")).toEqual(["bucket"]);
    expect(found("arn:aws:dynamodb:*")).toHaveLength(1000);
    // shards 0-9 end in "s" and one digit: 10 shards of 20 tables
    expect(found("*s?")).toHaveLength(200);
    expect(found("arn:aws:dynamodb:eu-west-1:1:table/t12-records-s12")).toEqual(["t12"]);
  });
});

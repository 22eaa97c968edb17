/**
 * LLM adapter: question generation against real providers, and a simulator. Nothing outside
 * bootstrap depends on it.
 */
package dev.spool.adapter.llm;

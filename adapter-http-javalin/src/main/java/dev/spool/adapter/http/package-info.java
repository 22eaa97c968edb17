/**
 * HTTP adapter: the REST API, the SSE progress stream, JWT auth, the web UI, metrics and health, on
 * Javalin. Nothing outside bootstrap depends on it.
 */
package dev.spool.adapter.http;

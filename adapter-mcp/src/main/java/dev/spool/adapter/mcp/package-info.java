/**
 * The Model Context Protocol server: Spool's use cases as tools and batches as resources, for
 * assistants, on the official Java SDK's Streamable HTTP servlet. Batches it creates wait for their
 * owner's approval.
 */
package dev.spool.adapter.mcp;

/**
 * The webhook sender: Standard Webhooks signatures (the project's own Java library) over the JDK's
 * HTTP client, with the address rules that keep webhooks off private networks.
 */
package dev.spool.adapter.webhook;

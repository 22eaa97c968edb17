/**
 * Weighted fair sharing of the provider across owners, and within an owner across batches:
 * start-time fair queuing over claimable batches ({@link dev.spool.domain.fairness.FairShare}).
 */
package dev.spool.domain.fairness;

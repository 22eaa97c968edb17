/**
 * Money: prices per model, what an attempt costs, and the budgets that stop a batch before it
 * spends more than its owner allowed. Amounts are exact, in billionths of a US dollar.
 */
package dev.spool.domain.money;

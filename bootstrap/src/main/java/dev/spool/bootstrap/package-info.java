/** Configuration, wiring and main: the only module that knows every adapter. */
package dev.spool.bootstrap;

/**
 * The WebSocket load client: thousands of non-blocking connections per process over the JDK's client, spread over
 * loopback source addresses and, when asked, over generator child processes that report back to the scenario.
 */
package dev.taskmesh.bench.ws;

package dev.spool.bootstrap.web;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh headless Chromium for every test, closed after it with a screenshot of where the test
 * ended, passed or failed, under {@code target/screenshots/end-of-<test>.png}.
 */
final class BrowserPerTest implements BeforeEachCallback, AfterEachCallback {
  private Browser browser;

  @Override
  public void beforeEach(ExtensionContext context) {
    browser = Browser.start();
  }

  /** This test's browser; valid from the test's own {@code @BeforeEach} methods on. */
  Browser browser() {
    return browser;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (browser == null) {
      return;
    }
    try {
      browser.screenshot("end-of-" + context.getRequiredTestMethod().getName());
    } finally {
      browser.close();
      browser = null;
    }
  }
}

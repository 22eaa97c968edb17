package dev.spool.bootstrap.web;

import static dev.spool.bootstrap.http.TestServer.faculty;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.bootstrap.http.ApiClient;
import dev.spool.bootstrap.http.Bodies;
import dev.spool.bootstrap.http.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web page in a real headless Chromium against the real server on its embedded database, with
 * the simulator slow enough to watch (about 350 ms a question) and 15% of its answers invalid.
 */
class WebUiIT {
  private static final String BATCHES = "/api/v1/generation/batch";
  private static final List<String> CONTROLS = List.of("pause", "resume", "cancel", "retry-failed");

  private static TestServer server;
  private static ApiClient api;
  @RegisterExtension final BrowserPerTest browsers = new BrowserPerTest();
  private Browser browser;
  private String owner;

  @BeforeAll
  static void startServer() {
    server =
        TestServer.start(
            SimulatorSettings.defaults()
                .withLatency(Duration.ofMillis(350), Duration.ofMillis(100))
                .withRates(0, 0, 0, 0.15));
    api = server.api();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void openBrowser() {
    browser = browsers.browser();
    owner = faculty(UUID.randomUUID());
  }

  @Test
  void the_printed_link_signs_in_and_the_token_leaves_the_address_bar() {
    signIn();

    assertThat(browser.driver().getCurrentUrl()).doesNotContain("token").endsWith("#/");
    assertThat(browser.script("return sessionStorage.getItem('spool.token')")).isEqualTo(owner);
    browser.awaitText("#list-message", "No batches yet.");
  }

  @Test
  void a_pasted_token_signs_in_and_a_refused_one_asks_again() {
    browser.open(api.base() + "/");
    browser.awaitElement("#token-input").sendKeys("not-a-token");
    browser.find("#sign-in button[type=submit]").click();
    browser.awaitText("#sign-in-error", "refused");

    WebElement input = browser.find("#token-input");
    input.clear();
    input.sendKeys(owner);
    browser.find("#sign-in button[type=submit]").click();
    browser.awaitElement("#batch-table");
    assertThat(browser.find("#sign-out").isDisplayed()).isTrue();
  }

  @Test
  void a_batch_is_created_through_the_form_after_its_validation_errors_are_fixed() {
    signIn();
    browser.find("#nav-new").click();
    browser.awaitElement("#create-form");
    assertThat(activeElementId()).as("the form opens on its first field").isEqualTo("name");
    assertThat(browser.driver().findElements(By.cssSelector("#create-form [role=alert]")))
        .as("one alert region for the whole form")
        .hasSize(1);
    type("#name", "Browser batch");
    openRawIds();
    type("#courseId", UUID.randomUUID().toString());
    type("#sloIds", UUID.randomUUID().toString());

    type("#easy", "40");
    browser.awaitText("#error-difficultyDistribution", "must sum to 100 (now 110)");
    assertThat(browser.find("#mix-sum").getText()).isEqualTo("Sum: 110%");
    browser.find("#create-submit").click();
    assertThat(browser.driver().getCurrentUrl()).endsWith("#/new");
    assertThat(batchesOf(owner)).as("an inline error sends nothing").isEmpty();

    type("#easy", "30");
    type("#targetCount", "0");
    browser.find("#create-submit").click();
    browser.awaitText("#error-targetCount", "targetCount");
    assertThat(browser.find("[data-field=targetCount]").getAttribute("class")).contains("invalid");
    assertThat(browser.find("#targetCount").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.find("#targetCount").getAttribute("aria-describedby"))
        .isEqualTo("error-targetCount");
    assertThat(activeElementId()).as("focus on the field to fix").isEqualTo("targetCount");
    assertThat(browser.find("#easy").getAttribute("aria-invalid")).isNull();
    assertThat(browser.find("#error-difficultyDistribution").getText()).isEmpty();
    browser.screenshot("create-validation-error");
    assertThat(batchesOf(owner)).as("the server refused it").isEmpty();

    type("#targetCount", "30");
    type("#concurrency", "3");
    browser.find("#create-submit").click();

    browser.await("the batch page", d -> d.getCurrentUrl().matches(".*#/batch/[0-9a-f-]{36}$"));
    browser.awaitText("#batch-name", "Browser batch");
    markPage();
    int before = completed();
    browser.await("progress to advance", d -> completed() >= before + 3);
    browser.await("the feed to show completed items", d -> rows("completed").size() >= 3);
    assertThat(progressBar().getAttribute("aria-valuemax")).isEqualTo("30");
    assertThat(browser.find("#batch-progress .progress-label").getText())
        .matches("\\d+/30 · \\d+%");
    assertThat(samePage()).as("no reload happened").isTrue();
    assertThat(browser.find("#summary [data-summary=mix]").getText())
        .isEqualTo("easy 30% · medium 50% · hard 20%");
    browser.screenshot("batch-mid-run");

    awaitFinished();
    assertThat(count("completed") + count("failed")).isEqualTo(30);
    assertThat(count("pending") + count("inProgress")).isZero();
    assertThat(button("pause").isEnabled()).isFalse();
    assertThat(button("resume").isEnabled()).isFalse();
    assertThat(button("cancel").isEnabled()).isFalse();
    assertThat(browser.find("#summary [data-summary=tokens]").getText()).doesNotStartWith("0 ");
    assertThat(samePage()).isTrue();
    browser.screenshot("batch-end");
  }

  @Test
  void pause_resume_and_cancel_steer_the_batch_and_the_buttons_follow_its_state() throws Exception {
    String id = create(Bodies.generation(80, 2, 2));
    signIn();
    openBatch(id);
    browser.await("the stream to be live", d -> "live".equals(connectionState()));
    browser.await("a few completions", d -> completed() >= 2);
    assertThat(button("pause").isEnabled()).isTrue();
    assertThat(button("resume").isEnabled()).isFalse();
    assertThat(button("retry-failed").isEnabled()).isFalse();

    button("pause").click();
    awaitStatus("paused");
    browser.await("Resume to be enabled", d -> button("resume").isEnabled());
    browser.await("focus on Resume, not lost", d -> "action-resume".equals(activeElementId()));
    assertThat(button("pause").isEnabled()).isFalse();
    assertThat(button("cancel").isEnabled()).isTrue();
    browser.await("in-flight items to drain", d -> count("inProgress") == 0);
    browser.await("no row still saying Generating", d -> rows("in_progress").isEmpty());
    int whilePaused = completed();
    Thread.sleep(1_500);
    assertThat(completed()).as("nothing completes while paused").isEqualTo(whilePaused);
    assertThat(count("completed")).isEqualTo(whilePaused);

    button("resume").click();
    awaitStatus("running");
    browser.await("Pause to be enabled", d -> button("pause").isEnabled());
    browser.await("focus on Pause, not lost", d -> "action-pause".equals(activeElementId()));
    assertThat(button("resume").isEnabled()).isFalse();
    browser.await("progress after resume", d -> completed() > whilePaused);

    button("cancel").click();
    WebElement dialog = browser.awaitElement("#cancel-dialog[open]");
    assertThat(dialog.getText())
        .containsPattern("\\d+ pending items will be cancelled; \\d+ completed items are kept");
    assertThat(activeElementId()).isEqualTo("cancel-keep");
    browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
    browser.await(
        "the dialog to close", d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());
    assertThat(activeElementId()).as("focus returns to Cancel").isEqualTo("action-cancel");
    assertThat(status()).isEqualTo("running");

    button("cancel").click();
    browser.awaitElement("#cancel-dialog[open]");
    browser.find("#cancel-confirm").click();
    awaitStatus("cancelled");
    browser.await(
        "every control to be disabled",
        d -> CONTROLS.stream().noneMatch(c -> button(c).isEnabled()));
    browser.await("in-flight items to finish", d -> count("inProgress") == 0);
    assertThat(count("cancelled")).isPositive();
    assertThat(count("completed") + count("failed") + count("cancelled")).isEqualTo(80);
    browser.screenshot("batch-cancelled");
  }

  @Test
  void a_failed_item_expands_to_its_error_a_completed_one_to_its_question_and_retry_runs_again() {
    String id = create(Bodies.generation(60, 10, 0));
    signIn();
    openBatch(id);
    awaitStatus("completed_with_errors");
    browser.await("Retry failed to be enabled", d -> button("retry-failed").isEnabled());
    assertThat(button("pause").isEnabled()).isFalse();
    assertThat(button("cancel").isEnabled()).isFalse();
    int failedBefore = count("failed");
    assertThat(failedBefore).isPositive();
    assertThat(rows("failed")).hasSize(failedBefore);

    WebElement failedRow = rows("failed").getFirst().findElement(By.cssSelector(".item-row"));
    assertThat(failedRow.getText())
        .as("the reason once, in plain words")
        .contains("It failed on every attempt.")
        .contains("Stem too short")
        .doesNotContain("ValidationEngineError")
        .doesNotContain("VALIDATION_FAILED");
    assertThat(failedRow.getAttribute("aria-expanded")).isEqualTo("false");
    failedRow.click();
    WebElement error = browser.awaitElement("li[data-status=failed] [data-detail=error]");
    assertThat(error.getText())
        .contains("Use Retry failed")
        .doesNotContain("ValidationEngineError");
    error.findElement(By.cssSelector("details.technical summary")).click();
    browser.await("the technical detail", d -> error.getText().contains("ValidationEngineError"));
    assertThat(browser.find("li[data-status=failed] .item-row").getAttribute("aria-expanded"))
        .isEqualTo("true");

    WebElement completedRow = rows("completed").getFirst().findElement(By.cssSelector(".item-row"));
    String preview = completedRow.findElement(By.cssSelector(".what")).getText();
    completedRow.click();
    WebElement question = browser.awaitElement("[data-detail=question]");
    browser.await("the question to load", d -> !question.getText().isBlank());
    String stem = question.findElement(By.cssSelector(".question-stem")).getText();
    assertThat(preview).as("a completed row shows its question's first line").isNotBlank();
    assertThat(stem.lines().findFirst().orElseThrow().strip())
        .startsWith(preview.replace("…", "").strip());
    assertThat(question.findElement(By.cssSelector(".question-stem")).getText().length())
        .isGreaterThan(80);
    assertThat(question.findElements(By.cssSelector(".question-options li"))).hasSizeGreaterThan(2);
    assertThat(question.findElements(By.cssSelector(".question-options li.correct"))).hasSize(1);
    browser.screenshot("batch-failed-item");
    browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    browser.script("document.querySelector('li[data-status=failed]').scrollIntoView()");
    assertThat(pageWidth()).isLessThanOrEqualTo(viewportWidth());
    browser.screenshot("batch-failed-item-390");
    browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));

    button("retry-failed").click();
    browser.await(
        "the retried items to run", d -> count("failed") < failedBefore && isFinished(status()));
    assertThat(count("completed") + count("failed")).isEqualTo(60);

    String finalStatus = status();
    assertThat(finalStatus).isEqualTo(apiStatus(id));

    browser.find("a[href='#/']").click();
    WebElement row = browser.awaitElement("tr[data-batch-id='" + id + "']");
    assertThat(row.findElement(By.cssSelector(".badge")).getAttribute("data-status"))
        .isEqualTo(finalStatus);
    assertThat(row.findElement(By.cssSelector(".progress-label")).getText())
        .isEqualTo(progressLabel(id));
    new Select(browser.find("#status-filter")).selectByValue(finalStatus);
    browser.await(
        "the list filtered to " + finalStatus,
        d -> browser.find("#batch-rows").findElements(By.cssSelector("tr")).size() == 1);
    new Select(browser.find("#status-filter")).selectByValue("running");
    browser.awaitText("#list-message", "No batches");
    new Select(browser.find("#status-filter")).selectByValue("");
    browser.awaitElement("tr[data-batch-id='" + id + "']");
    browser.screenshot("history");
  }

  @Test
  void the_list_updates_active_batches_live_and_links_to_each() {
    String id = create(Bodies.generation(60, 2, 2));
    signIn();
    WebElement row = browser.awaitElement("tr[data-batch-id='" + id + "']");
    markPage();
    String first = row.findElement(By.cssSelector(".progress-label")).getText();
    browser.await(
        "the row's progress to change",
        d ->
            !browser
                .find("tr[data-batch-id='" + id + "'] .progress-label")
                .getText()
                .equals(first));
    assertThat(browser.find("tr[data-batch-id='" + id + "'] .progress-label").getText())
        .matches("\\d+/60 · \\d+%");
    assertThat(samePage()).isTrue();

    // the owner feed carries it all: a pause shows, and a batch started elsewhere appears,
    // with one read of the list for the new batch and no polling beside the stream
    long reads = listReads();
    api.post(BATCHES + "/" + id + "/pause", owner, null);
    browser.awaitElement("tr[data-batch-id='" + id + "'] [data-status='paused']");
    String other = create(Bodies.generation(3, 1, 0));
    browser.awaitElement("tr[data-batch-id='" + other + "']");
    browser.awaitElement("tr[data-batch-id='" + other + "'] [data-status^='completed']");
    sleep(java.time.Duration.ofSeconds(3));
    assertThat(listReads() - reads).as("list reads while the feed ran").isEqualTo(1);
    assertThat(samePage()).isTrue();
    api.post(BATCHES + "/" + id + "/resume", owner, null);

    browser.find("tr[data-batch-id='" + id + "'] a").click();
    browser.await("the batch page", d -> d.getCurrentUrl().endsWith("#/batch/" + id));
    browser.awaitElement("#batch-progress [role=progressbar]");
    api.post(BATCHES + "/" + id + "/cancel", owner, null);
  }

  @Test
  void a_refresh_mid_run_restores_the_same_state() {
    String id = create(Bodies.generation(80, 2, 2));
    signIn();
    openBatch(id);
    browser.await("a few completions", d -> completed() >= 3);
    markPage();
    int before = completed();
    int rowsBefore = rows("completed").size();

    browser.driver().navigate().refresh();

    browser.await("the page to load again", d -> !samePage());
    browser.awaitElement("#batch-progress [role=progressbar]");
    assertThat(completed()).isGreaterThanOrEqualTo(before);
    assertThat(rows("completed").size()).isGreaterThanOrEqualTo(rowsBefore);
    assertThat(status()).isEqualTo("running");
    browser.await("the stream to be live again", d -> "live".equals(connectionState()));
    int after = completed();
    browser.await("progress after the refresh", d -> completed() > after);
    api.post(BATCHES + "/" + id + "/cancel", owner, null);
  }

  @Test
  void after_a_network_drop_the_page_shows_reconnecting_then_resumes_where_it_left_off() {
    String id = create(Bodies.generation(80, 2, 2));
    try (NetworkDrop network = NetworkDrop.relayTo(server.server().port())) {
      browser.open(network.base() + "/#token=" + owner);
      browser.awaitElement("#batch-table");
      browser.open(network.base() + "/#/batch/" + id);
      browser.await("the stream to be live", d -> "live".equals(connectionState()));
      browser.await("a completion", d -> completed() >= 1);
      markPage();

      network.drop();
      browser.await("the reconnecting state", d -> "reconnecting".equals(connectionState()));
      assertThat(browser.find("#connection").getText()).contains("Reconnecting");
      browser.screenshot("batch-reconnecting");
      int seenBeforeDrop = completed();
      int doneDuringDrop = api.get(BATCHES + "/" + id, owner).data().get("completedItems").asInt();
      browser.await(
          "work to go on while the page is cut off",
          d ->
              api.get(BATCHES + "/" + id, owner).data().get("completedItems").asInt()
                  > doneDuringDrop + 2);
      assertThat(completed()).as("nothing arrives while cut off").isEqualTo(seenBeforeDrop);

      network.restore();
      browser.await("the stream to be live again", d -> "live".equals(connectionState()));
      int viaApi = api.get(BATCHES + "/" + id, owner).data().get("completedItems").asInt();
      browser.await("the page to catch up with the API", d -> completed() >= viaApi);
      browser.await(
          "a feed row for every item completed during the drop",
          d -> rows("completed").size() >= viaApi);
      assertThat(samePage()).as("caught up without a reload").isTrue();
      api.post(BATCHES + "/" + id + "/cancel", owner, null);
    }
  }

  @Test
  void a_batch_out_of_budget_says_so_and_raising_the_budget_on_the_page_continues_it() {
    // a budget below what the first call reserves: nothing is claimed, and the batch pauses
    String id = create(Bodies.generation(4, 2).replaceFirst("\\{", "{\"budgetUsd\":0.0001,"));
    signIn();
    openBatch(id);

    browser.await("the budget form", d -> browser.find("#budget-form").isDisplayed());
    assertThat(status()).isEqualTo("paused");
    assertThat(browser.find("#summary [data-summary=budget]").getText()).contains("used up");
    assertThat(browser.find("#summary [data-summary=reason]").getText())
        .contains("budget exhausted");
    assertThat(browser.find("#download-jsonl").isDisplayed()).isTrue();
    assertThat(browser.find("#download-csv").isDisplayed()).isTrue();

    type("#budget-input", "5");
    browser.find("#budget-submit").click();

    awaitFinished();
    assertThat(status()).startsWith("completed");
    assertThat(browser.find("#budget-form").isDisplayed()).isFalse();
    assertThat(browser.find("#summary [data-summary=spend]").getText()).contains("$");
    assertThat(api.get(BATCHES + "/" + id, owner).data().get("budgetUsd").decimalValue())
        .isEqualByComparingTo("5");
  }

  @Test
  void a_batch_waiting_for_approval_shows_its_size_and_runs_once_approved_or_cancels_if_rejected() {
    String approveMe =
        create(Bodies.generation(30, 3, 1).replaceFirst("\\{", "{\"requireApproval\":true,"));
    String rejectMe =
        create(Bodies.generation(12, 3, 1).replaceFirst("\\{", "{\"requireApproval\":true,"));
    assertThat(apiStatus(approveMe)).isEqualTo("pending");
    signIn();
    openBatch(approveMe);

    WebElement box = browser.awaitElement("#approval");
    browser.await("the approval box", d -> box.isDisplayed());
    browser.await(
        "its size", d -> browser.find("#approval-summary").getText().startsWith("30 items"));
    assertThat(browser.find("#action-pause").isEnabled()).isFalse();
    browser.screenshot("approval");
    browser.find("#action-approve").click();

    browser.await("running", d -> "running".equals(apiStatus(approveMe)));
    browser.await("the box to go", d -> !browser.find("#approval").isDisplayed());
    browser.await("pause to be offered", d -> browser.find("#action-pause").isEnabled());

    openBatch(rejectMe);
    browser.await("the approval box", d -> browser.find("#approval").isDisplayed());
    browser.find("#action-reject").click();
    browser.await("cancelled", d -> "cancelled".equals(apiStatus(rejectMe)));
    assertThat(api.get(BATCHES + "/" + rejectMe, owner).data().get("completedItems").asInt())
        .isZero();
    browser.awaitElement("#batch-status [data-status='cancelled']");
    api.post(BATCHES + "/" + approveMe + "/cancel", owner, null);
  }

  @Test
  void the_live_counts_follow_every_item_event_as_the_rest_api_does() throws Exception {
    String id = create(Bodies.generation(40, 3, 2));
    signIn();
    openBatch(id);
    browser.await(
        "the stream", d -> "live".equals(browser.find("#connection").getAttribute("data-state")));

    int sawInProgress = 0;
    int missedInProgress = 0;
    for (int sample = 0; sample < 12 && !"completed".equals(apiStatus(id)); sample++) {
      Thread.sleep(250);
      Map<String, Integer> page = counts();
      int pageInProgress = page.get("inProgress");
      int pageDone = page.get("completed") + page.get("failed");
      JsonNode rest = api.get(BATCHES + "/" + id + "?limit=1", owner).data();
      int restInProgress = rest.get("inProgressItems").asInt();
      int restDone = rest.get("completedItems").asInt() + rest.get("failedItems").asInt();
      // the page lags the API by at most the events in flight to it: never by a whole batch
      assertThat(page.values().stream().mapToInt(Integer::intValue).sum())
          .as("the page's counts add up to the total: %s", page)
          .isEqualTo(40);
      assertThat(Math.abs(pageDone - restDone))
          .as("finished items, page vs API")
          .isLessThanOrEqualTo(3);
      if (restInProgress > 0 && pageInProgress > 0) {
        sawInProgress++;
      }
      if (restInProgress > 0 && pageInProgress == 0) {
        missedInProgress++;
      }
    }
    assertThat(sawInProgress).as("moments when both showed items in progress").isPositive();
    assertThat(missedInProgress)
        .as("moments when the API had items in progress and the page showed none")
        .isLessThanOrEqualTo(2);
    api.post(BATCHES + "/" + id + "/cancel", owner, null);
  }

  @Test
  void the_list_and_a_batch_fit_a_390_pixel_phone_without_sideways_scrolling() {
    String id = create(Bodies.generation(6, 2, 1));
    browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    signIn();
    browser.awaitElement("tr[data-batch-id='" + id + "']");
    assertThat(pageWidth()).as("the list's width at 390 px").isLessThanOrEqualTo(viewportWidth());
    browser.screenshot("list-390");
    openBatch(id);
    assertThat(pageWidth())
        .as("the batch page's width at 390 px")
        .isLessThanOrEqualTo(viewportWidth());
    browser.screenshot("batch-390");
  }

  private long pageWidth() {
    return ((Number) browser.script("return document.documentElement.scrollWidth")).longValue();
  }

  private long viewportWidth() {
    return ((Number) browser.script("return document.documentElement.clientWidth")).longValue();
  }

  // ---- helpers ---------------------------------------------------------------------------

  private void signIn() {
    browser.open(api.base() + "/#token=" + owner);
    browser.awaitElement("#batch-table");
  }

  private void openBatch(String id) {
    browser.open(api.base() + "/#/batch/" + id);
    browser.awaitElement("#batch-progress [role=progressbar]");
  }

  private String create(String body) {
    return api.post(BATCHES, owner, body).data().get("batchId").asText();
  }

  private JsonNode batchesOf(String token) {
    return api.get(BATCHES, token).data().get("items");
  }

  private String apiStatus(String id) {
    return api.get(BATCHES + "/" + id, owner).data().get("status").asText();
  }

  /** The list's label for a batch, "6/10 · 60%", from the API's counts. */
  private String progressLabel(String id) {
    JsonNode batch = api.get(BATCHES + "/" + id, owner).data();
    int done = batch.get("completedItems").asInt();
    int total = batch.get("totalItems").asInt();
    return done + "/" + total + " · " + Math.round(done * 100.0 / total) + "%";
  }

  /** Opens the form's "Enter ids instead" section, where the raw id fields are. */
  private void openRawIds() {
    browser.script("document.getElementById('raw-ids').open = true");
  }

  private void type(String css, String text) {
    WebElement input = browser.find(css);
    input.clear();
    input.sendKeys(text);
  }

  private WebElement progressBar() {
    return browser.find("#batch-progress [role=progressbar]");
  }

  /** Every count of the breakdown, read at one instant. */
  @SuppressWarnings("unchecked")
  private Map<String, Integer> counts() {
    Map<String, Object> raw =
        (Map<String, Object>)
            browser.script(
                "const out = {}; document.querySelectorAll('#breakdown li[data-count]')"
                    + ".forEach(li => out[li.dataset.count] ="
                    + " Number(li.querySelector('.count').textContent)); return out;");
    Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    raw.forEach((k, v) -> counts.put(k, ((Number) v).intValue()));
    return counts;
  }

  private int completed() {
    return Integer.parseInt(progressBar().getAttribute("aria-valuenow"));
  }

  private int count(String key) {
    return Integer.parseInt(
        browser.find("#breakdown li[data-count=" + key + "] .count").getText().trim());
  }

  private List<WebElement> rows(String status) {
    return browser
        .driver()
        .findElements(By.cssSelector("#item-feed li[data-status=" + status + "]"));
  }

  private WebElement button(String control) {
    return browser.find("#action-" + control);
  }

  private String status() {
    return browser.find("#batch-status .badge").getAttribute("data-status");
  }

  private void awaitStatus(String status) {
    browser.await("status " + status, d -> status.equals(status()));
  }

  private void awaitFinished() {
    browser.await("the batch to finish", d -> isFinished(status()));
  }

  private static boolean isFinished(String status) {
    return List.of("completed", "completed_with_errors", "failed", "cancelled").contains(status);
  }

  private String connectionState() {
    return browser.find("#connection").getAttribute("data-state");
  }

  private String activeElementId() {
    return browser.driver().switchTo().activeElement().getAttribute("id");
  }

  /** Marks the current document; a reload loses the mark. */
  /** How many times the page read the batch list: fetches show in its resource timings. */
  private long listReads() {
    return ((Number)
            browser.script(
                "return performance.getEntriesByType('resource')"
                    + ".filter(e => e.name.includes('/api/v1/generation/batch?')).length"))
        .longValue();
  }

  private static void sleep(java.time.Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void markPage() {
    browser.script("window.__spoolMark = 'same page'");
  }

  private boolean samePage() {
    return "same page".equals(browser.script("return window.__spoolMark || null"));
  }
}

package dev.spool.bootstrap.web;

import static dev.spool.bootstrap.http.TestServer.faculty;
import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.adapter.llm.SimulatorSettings;
import dev.spool.bootstrap.http.ApiClient;
import dev.spool.bootstrap.http.Bodies;
import dev.spool.bootstrap.http.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The new-batch form as faculty use it, in a real headless Chromium: a course picked by name from
 * the catalogue, an item list read from a CSV file, and the pages checked by axe-core (Deque's own
 * Selenium integration) and for layout shift on a phone.
 */
class WebFormsIT {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private static final String BATCHES = "/api/v1/generation/batch";
  private static final List<String> WCAG_A_AA =
      List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
  private static final String ADMIN = TestServer.token(UUID.randomUUID(), "catalogue-admin");

  private static TestServer server;
  private static ApiClient api;
  private static UUID course;
  private static String courseTitle;
  private static final List<UUID> SLOS = new ArrayList<>();
  private static final UUID CONCEPT = UUID.randomUUID();

  @RegisterExtension final BrowserPerTest browsers = new BrowserPerTest();
  private Browser browser;
  private String owner;

  @BeforeAll
  static void startServer() {
    server =
        TestServer.start(
            SimulatorSettings.defaults()
                .withLatency(Duration.ofMillis(300), Duration.ofMillis(100))
                .withRates(0, 0, 0, 0.15));
    api = server.api();
    course = UUID.randomUUID();
    courseTitle = "Cardiac nursing " + Long.toString(System.nanoTime(), 36);
    StringBuilder csv = new StringBuilder("kind,id,code,title,course_id\n");
    csv.append("course,").append(course).append(",NURS-210,").append(courseTitle).append(",\n");
    // a neighbour the search must not offer
    csv.append("course,").append(UUID.randomUUID()).append(",BIO-101,Introduction to Biology,\n");
    for (int i = 1; i <= 10; i++) {
      UUID slo = UUID.randomUUID();
      SLOS.add(slo);
      String title = i == 7 ? "Interpret an ECG strip" : "Outcome number " + i;
      csv.append("slo,").append(slo).append(",SLO-").append(i).append(',').append(title);
      csv.append(',').append(course).append('\n');
    }
    csv.append("concept,").append(CONCEPT).append(",C-1,Arrhythmia,").append(course).append('\n');
    var imported =
        api.send(
            "POST",
            "/api/v1/catalogue/import",
            ADMIN,
            csv.toString(),
            Map.of("Content-Type", "text/csv"));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
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
  void a_course_picked_by_name_creates_a_batch_for_the_chosen_outcomes_and_shows_its_title() {
    signIn();
    browser.find("#nav-new").click();
    browser.awaitElement("#create-form");
    type("#name", "Picked by name");
    WebElement search = browser.find("#course-search");
    search.sendKeys(courseTitle.substring("Cardiac ".length()) + " nurs");
    // focus first lists every course; the typed words then narrow it to the one they all match
    WebElement option =
        browser.await(
            "only the course every word matches",
            d -> {
              var options = d.findElements(By.cssSelector("#course-options [role=option]"));
              return options.size() == 1
                      && course.toString().equals(options.getFirst().getAttribute("data-course-id"))
                  ? options.getFirst()
                  : null;
            });
    assertThat(option.getText()).contains("NURS-210").contains(courseTitle);
    search.sendKeys(Keys.ARROW_DOWN);
    assertThat(search.getAttribute("aria-activedescendant")).isEqualTo(option.getAttribute("id"));
    search.sendKeys(Keys.ENTER);

    UUID ecg = SLOS.get(6);
    browser.awaitElement("[data-topics=slos] input[value='" + ecg + "']");
    assertThat(search.getAttribute("value")).isEqualTo("NURS-210 — " + courseTitle);
    assertThat(browser.find("#course-options").isDisplayed()).isFalse();
    assertThat(browser.driver().getCurrentUrl())
        .as("Enter chose; it did not submit")
        .endsWith("#/new");
    assertThat(browser.find("#courseId").getAttribute("value")).isEqualTo(course.toString());
    assertThat(browser.driver().findElements(By.cssSelector("[data-topics=slos] li"))).hasSize(10);

    browser.find("[data-topics=slos] .topic-filter").sendKeys("ecg");
    List<WebElement> shown =
        browser.driver().findElements(By.cssSelector("[data-topics=slos] li")).stream()
            .filter(WebElement::isDisplayed)
            .toList();
    assertThat(shown).hasSize(1);
    assertThat(shown.getFirst().getText()).contains("SLO-7").contains("Interpret an ECG strip");
    shown.getFirst().findElement(By.cssSelector("label")).click();
    browser.find("[data-topics=concepts] label").click();
    assertThat(browser.find("#sloIds").getAttribute("value")).isEqualTo(ecg.toString());
    browser.screenshot("create-picker");
    browser.driver().manage().window().setSize(new Dimension(390, 844));
    assertThat(pageWidth()).isLessThanOrEqualTo(viewportWidth());
    browser.screenshot("create-picker-390");
    browser.driver().manage().window().setSize(new Dimension(1400, 1000));

    browser.find("#create-submit").click();
    browser.await("the batch page", d -> d.getCurrentUrl().matches(".*#/batch/[0-9a-f-]{36}$"));
    browser.awaitText("#summary [data-summary=course]", courseTitle);
    String id = browser.driver().getCurrentUrl().replaceAll(".*#/batch/", "");
    JsonNode batch = api.get(BATCHES + "/" + id, owner).data();
    assertThat(batch.get("courseId").asText()).isEqualTo(course.toString());
    assertThat(batch.get("courseTitle").asText()).isEqualTo(courseTitle);
    assertThat(batch.at("/config/scope/sloIds").toString()).isEqualTo("[\"" + ecg + "\"]");
    assertThat(batch.at("/config/scope/conceptIds").toString()).isEqualTo("[\"" + CONCEPT + "\"]");

    browser.find("a[href='#/']").click();
    WebElement row = browser.awaitElement("tr[data-batch-id='" + id + "']");
    assertThat(row.findElement(By.cssSelector(".course-title")).getText()).isEqualTo(courseTitle);
    api.post(BATCHES + "/" + id + "/cancel", owner, null);
  }

  @Test
  void a_csv_of_items_creates_an_item_list_batch_and_its_bad_lines_are_shown_by_line(
      @TempDir Path dir) throws IOException {
    Path file = dir.resolve("week-prompts.csv");
    Files.writeString(
        file,
        "name,prompt\n"
            + "week 1,\"Write a question on the heart, and its valves\"\n"
            + "week 2,\"Write about \"\"murmurs\"\" here\"\n"
            + "\n"
            + "week 3,\n"
            + "week 4,Ask about the aorta,extra\n"
            + "week 5,\"A prompt\n"
            + "over two lines\"\n");
    signIn();
    browser.find("#nav-new").click();
    browser.awaitElement("#create-form");
    type("#name", "Weekly prompts");
    browser.find("label[for=kind-items]").click();
    assertThat(browser.find("[data-field=difficultyDistribution]").isDisplayed()).isFalse();
    browser.script("document.getElementById('raw-ids').open = true");
    type("#courseId", course.toString());
    browser.find("#items-csv").sendKeys(file.toAbsolutePath().toString());

    browser.awaitText("#item-count", "3 items will be created");
    assertThat(browser.find("#csv-problems li[data-line='5']").getText())
        .contains("Line 5")
        .contains("the prompt is empty");
    assertThat(browser.find("#csv-problems li[data-line='6']").getText())
        .contains("Line 6")
        .contains("has 3 columns");
    assertThat(browser.driver().findElements(By.cssSelector("#csv-problems li"))).hasSize(2);
    List<WebElement> rows = browser.driver().findElements(By.cssSelector("#item-rows tr"));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).findElement(By.cssSelector(".index")).getText()).isEqualTo("1 (line 2)");
    assertThat(rows.get(2).findElement(By.cssSelector(".index")).getText()).isEqualTo("3 (line 7)");
    browser.screenshot("create-items-csv");

    browser.find("#add-item").click();
    browser.driver().switchTo().activeElement().sendKeys("week 6");
    browser.find("#item-rows tr:last-child textarea").sendKeys("Typed by hand");
    browser.awaitText("#item-count", "4 items will be created");

    browser.find("#create-submit").click();
    browser.await("the batch page", d -> d.getCurrentUrl().matches(".*#/batch/[0-9a-f-]{36}$"));
    String id = browser.driver().getCurrentUrl().replaceAll(".*#/batch/", "");
    JsonNode batch = api.get(BATCHES + "/" + id, owner).data();
    assertThat(batch.at("/config/kind").asText()).isEqualTo("items");
    assertThat(batch.at("/config/itemCount").asInt()).isEqualTo(4);
    List<String> names = new ArrayList<>();
    api.get(BATCHES + "/" + id + "/items", owner)
        .data()
        .get("items")
        .forEach(i -> names.add(i.get("name").asText()));
    assertThat(names).containsExactly("week 1", "week 2", "week 5", "week 6");
    api.post(BATCHES + "/" + id + "/cancel", owner, null);
  }

  @Test
  void an_item_the_server_refuses_is_marked_on_its_own_row() {
    signIn();
    browser.find("#nav-new").click();
    browser.awaitElement("#create-form");
    browser.find("label[for=kind-items]").click();
    browser.script("document.getElementById('raw-ids').open = true");
    type("#courseId", course.toString());
    browser.find("#item-rows tr:first-child input").sendKeys("fine");
    browser.find("#item-rows tr:first-child textarea").sendKeys("A prompt");
    browser.find("#add-item").click();
    browser.find("#item-rows tr:last-child input").sendKeys("no prompt");

    browser.find("#create-submit").click();
    browser.awaitText("#item-rows tr:last-child .field-error", "prompt");
    assertThat(browser.find("#item-rows tr:last-child textarea").getAttribute("aria-invalid"))
        .isEqualTo("true");
    assertThat(browser.find("#item-rows tr:first-child .field-error").getText()).isEmpty();
    assertThat(browser.driver().getCurrentUrl()).endsWith("#/new");
  }

  @Test
  void the_list_the_form_and_a_running_batch_have_no_wcag_a_or_aa_violations_and_fit_360_pixels() {
    String id =
        api.post(BATCHES, owner, Bodies.generation(40, 4, 0)).data().get("batchId").asText();
    // two more rows for the list: one for a catalogue course (its title shows), one cancelled
    String forCourse =
        """
        {"courseId":"%s","name":"ECG week","targetCount":12,
         "scope":{"sloIds":["%s"],"conceptIds":[]},"questionType":"single_best_answer",
         "difficultyDistribution":{"easy":50,"medium":50,"hard":0},"concurrency":1}
        """
            .formatted(course, SLOS.get(6));
    api.post(BATCHES, owner, forCourse);
    String cancelled =
        api.post(BATCHES, owner, Bodies.generation(25, 1, 0)).data().get("batchId").asText();
    api.post(BATCHES + "/" + cancelled + "/cancel", owner, null);
    for (Dimension size :
        List.of(new Dimension(1400, 1000), new Dimension(390, 844), new Dimension(360, 780))) {
      browser.driver().manage().window().setSize(size);
      signIn();
      browser.awaitElement("tr[data-batch-id='" + id + "']");
      assertNoViolations("the batch list at " + size.width);
      if (size.width != 360) {
        browser.screenshot("list-" + size.width);
      }

      browser.find("#nav-new").click();
      browser.awaitElement("#create-form");
      browser.find("#course-search").sendKeys("NURS-210");
      browser.awaitElement("#course-options [data-course-id='" + course + "']");
      assertNoViolations("the form with the course list open at " + size.width);
      browser.find("#course-search").sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
      browser.awaitElement("[data-topics=slos] input");
      assertNoViolations("the form with a course's outcomes at " + size.width);
      browser.find("label[for=kind-items]").click();
      assertNoViolations("the item-list form at " + size.width);

      browser.open(api.base() + "/#/batch/" + id);
      browser.awaitElement("#item-feed li[data-status=completed] .item-row");
      browser.find("#item-feed li[data-status=completed] .item-row").click();
      browser.awaitElement("[data-detail=question]");
      assertNoViolations("a running batch with a question open at " + size.width);
    }
    api.post(BATCHES + "/" + id + "/cancel", owner, null);
  }

  @Test
  void a_batch_page_opened_on_a_phone_shifts_its_layout_by_less_than_a_tenth() throws IOException {
    String id =
        api.post(BATCHES, owner, Bodies.generation(30, 3, 0)).data().get("batchId").asText();
    browser.driver().manage().window().setSize(new Dimension(390, 844));
    signIn();
    browser.open(api.base() + "/#/batch/" + id);
    // a fresh load of the batch page itself, signed in from the session
    browser.driver().navigate().refresh();
    browser.awaitElement("#batch-progress [role=progressbar]");
    browser.await(
        "items to arrive in the feed",
        d -> d.findElements(By.cssSelector("#item-feed li[data-status=completed]")).size() >= 2);
    // every shift since the page loaded, each with the elements that moved, for the message
    String shifts =
        (String)
            browser
                .driver()
                .executeAsyncScript(
                    "const done = arguments[arguments.length - 1]; const seen = [];"
                        + "const name = (n) => !n ? '?' : n.nodeType !== 1 ? n.nodeName"
                        + " : n.tagName.toLowerCase() + (n.id ? '#' + n.id : '')"
                        + " + (n.className ? '.' + String(n.className).split(' ').join('.') : '');"
                        + "new PerformanceObserver((list) => { for (const e of list.getEntries())"
                        + " if (!e.hadRecentInput) seen.push({value: e.value,"
                        + " at: Math.round(e.startTime), moved: e.sources.map(s => name(s.node)"
                        + " + ' ' + JSON.stringify(s.previousRect) + '->'"
                        + " + JSON.stringify(s.currentRect))}); })"
                        + ".observe({type: 'layout-shift', buffered: true});"
                        + "setTimeout(() => done(JSON.stringify(seen)), 500);");
    JsonNode entries = JSON.readTree(shifts);
    double total = 0;
    for (JsonNode entry : entries) {
      total += entry.get("value").asDouble();
    }
    assertThat(total)
        .as("the sum of every layout shift since the page loaded: %s", shifts)
        .isLessThan(0.1);
    api.post(BATCHES + "/" + id + "/cancel", owner, null);
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** axe-core finds nothing at WCAG A or AA, and the page does not scroll sideways. */
  private void assertNoViolations(String where) {
    assertThat(pageWidth()).as("the width of %s", where).isLessThanOrEqualTo(viewportWidth());
    Results results = new AxeBuilder().withTags(WCAG_A_AA).analyze(browser.driver());
    List<Rule> violations = results.getViolations();
    String described =
        violations.stream()
            .map(v ->
                v.getId()
                    + " ("
                    + v.getImpact()
                    + "): "
                    + v.getHelp()
                    + " at "
                    + v.getNodes().stream()
                        .map(n -> String.valueOf(n.getTarget()))
                        .collect(Collectors.joining(", ")))
            .collect(Collectors.joining("\n"));
    assertThat(violations).as("axe-core on %s:\n%s", where, described).isEmpty();
  }

  private void signIn() {
    browser.open(api.base() + "/#token=" + owner);
    browser.awaitElement("#batch-table");
  }

  private void type(String css, String text) {
    WebElement input = browser.find(css);
    input.clear();
    input.sendKeys(text);
  }

  private long pageWidth() {
    return ((Number) browser.script("return document.documentElement.scrollWidth")).longValue();
  }

  private long viewportWidth() {
    return ((Number) browser.script("return document.documentElement.clientWidth")).longValue();
  }
}

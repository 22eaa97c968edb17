package dev.spool.adapter.llm;

import dev.spool.application.port.out.GenerationRequest;
import dev.spool.domain.config.Difficulty;
import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.config.QuestionType;
import dev.spool.domain.config.ScopeRef;
import dev.spool.domain.question.AnswerOption;
import dev.spool.domain.question.GeneratedQuestion;
import dev.spool.domain.question.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Plausible clinical vignettes for the simulator, so demos and the UI look real. */
final class QuestionTemplates {
  private static final String[] LABELS = {"A", "B", "C", "D", "E"};
  private static final String[] PEOPLE = {"man", "woman"};
  private static final String[] ASKS = {
    "Which of the following is the most likely diagnosis?",
    "Which of the following is the most appropriate next step in management?",
    "Which of the following best explains the underlying mechanism?"
  };

  private record Topic(
      String presentation, String finding, String answer, List<String> others, String why) {}

  private static final List<Topic> TOPICS =
      List.of(
          new Topic(
              "crushing chest pain radiating to the left arm for 40 minutes",
              "An ECG shows ST elevation in leads II, III and aVF",
              "Inferior myocardial infarction",
              List.of(
                  "Pericarditis", "Aortic dissection", "Pulmonary embolism", "Oesophageal spasm"),
              "ST elevation in the inferior leads with ischaemic pain localises an inferior MI."),
          new Topic(
              "sudden breathlessness and pleuritic chest pain after a long flight",
              "Heart rate is 118/min and oxygen saturation 89% on room air",
              "Pulmonary embolism",
              List.of(
                  "Pneumothorax", "Community-acquired pneumonia", "Acute asthma", "Panic attack"),
              "Recent immobility, tachycardia and hypoxia point to a thromboembolic cause."),
          new Topic(
              "polyuria, polydipsia and a 5 kg weight loss over six weeks",
              "Random plasma glucose is 21 mmol/L and urine ketones are 3+",
              "Type 1 diabetes mellitus",
              List.of(
                  "Type 2 diabetes mellitus",
                  "Diabetes insipidus",
                  "Hyperthyroidism",
                  "Primary polydipsia"),
              "Rapid weight loss with ketonuria indicates absolute insulin deficiency."),
          new Topic(
              "fever, neck stiffness and a non-blanching rash",
              "Kernig sign is positive and the patient is drowsy",
              "Meningococcal meningitis",
              List.of("Viral meningitis", "Subarachnoid haemorrhage", "Migraine", "Encephalitis"),
              "A petechial, non-blanching rash with meningism is meningococcal until proven otherwise."),
          new Topic(
              "fatigue, cold intolerance and constipation for three months",
              "TSH is 14 mU/L and free T4 is low",
              "Primary hypothyroidism",
              List.of(
                  "Secondary hypothyroidism",
                  "Depression",
                  "Iron deficiency anaemia",
                  "Addison disease"),
              "A raised TSH with low free T4 places the fault in the thyroid gland itself."));

  private QuestionTemplates() {}

  static GeneratedQuestion question(GenerationRequest request, SplittableRandom random) {
    Topic topic = TOPICS.get(random.nextInt(TOPICS.size()));
    Difficulty difficulty = difficultyOf(request.spec());
    int age = 19 + random.nextInt(60);
    String person = PEOPLE[random.nextInt(PEOPLE.length)];
    String stem =
        context(request.spec())
            + "A "
            + age
            + "-year-old "
            + person
            + " presents with "
            + topic.presentation()
            + ". "
            + topic.finding()
            + ". "
            + ASKS[difficulty.ordinal()];
    int count = 4 + random.nextInt(2);
    List<String> texts = new ArrayList<>(topic.others().subList(0, count - 1));
    int correct = random.nextInt(count);
    texts.add(correct, topic.answer());
    List<AnswerOption> options = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      options.add(new AnswerOption(LABELS[i], texts.get(i)));
    }
    String explanation = topic.why() + " The other options do not fit the findings.";
    return new GeneratedQuestion(
        QuestionType.SINGLE_BEST_ANSWER,
        difficulty,
        stem,
        options,
        LABELS[correct],
        explanation,
        scopeOf(request.spec()),
        SimulatedQuestionGenerator.PROVIDER,
        SimulatedQuestionGenerator.MODEL,
        usage(stem, explanation));
  }

  /** A question the validation engine rejects: a short stem and a catch-all option. */
  static GeneratedQuestion invalid(GenerationRequest request) {
    return new GeneratedQuestion(
        QuestionType.SINGLE_BEST_ANSWER,
        difficultyOf(request.spec()),
        "Which drug is given first?",
        List.of(
            new AnswerOption("A", "Aspirin"),
            new AnswerOption("B", "Heparin"),
            new AnswerOption("C", "Warfarin"),
            new AnswerOption("D", "All of the above")),
        "A",
        "Aspirin first.",
        scopeOf(request.spec()),
        SimulatedQuestionGenerator.PROVIDER,
        SimulatedQuestionGenerator.MODEL,
        new TokenUsage(120, 40));
  }

  private static String context(ItemSpec spec) {
    return spec instanceof ItemSpec.Prompt p ? "(" + p.name() + ") " : "";
  }

  private static Difficulty difficultyOf(ItemSpec spec) {
    return spec instanceof ItemSpec.Question q ? q.difficulty() : Difficulty.MEDIUM;
  }

  private static List<ScopeRef> scopeOf(ItemSpec spec) {
    return spec instanceof ItemSpec.Question q ? q.scope() : List.of();
  }

  /** Roughly four characters a token, over a prompt of a few hundred tokens. */
  private static TokenUsage usage(String stem, String explanation) {
    return new TokenUsage(320 + stem.length() / 4, 60 + (stem.length() + explanation.length()) / 4);
  }
}

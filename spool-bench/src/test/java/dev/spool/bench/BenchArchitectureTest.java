package dev.spool.bench;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.spool.bootstrap.ArchitectureTest;

/**
 * Every whole-system rule of {@link ArchitectureTest}, run where the benchmarks are on the
 * classpath too: bootstrap cannot see them, since they depend on it.
 */
@AnalyzeClasses(
    packages = "dev.spool",
    importOptions = {
      ImportOption.DoNotIncludeTests.class,
      ArchitectureTest.DoNotIncludeTestJars.class
    })
class BenchArchitectureTest {

  @ArchTest static final ArchTests SYSTEM = ArchTests.in(ArchitectureTest.class);
}

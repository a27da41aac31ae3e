package io.github.incus4j.samples.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.InstanceSource;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.spring.test.IncusClusterServiceConnection;
import io.github.incus4j.test.IncusCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The sample on a real 3-member cluster (every member's address, through
 * {@code @IncusClusterServiceConnection}): runs go to whichever member the cluster picks and their
 * answer names it, the instance list shows where each instance is, {@code /api/cluster} and the
 * page (in headless Chromium) show the members' state.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@IncusClusterServiceConnection
class SandboxRunnerOnAClusterIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    IncusClient incus;

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(WAIT).build();
    }

    @AfterEach
    void noContainerIsLeftBehind() {
        assertThat(incus.instances().listNames().block(WAIT)).noneMatch(name -> name.startsWith("sandbox-"));
    }

    @Test
    void runsGoToAnyMemberAndSayWhich(IncusCluster cluster) {
        List<String> members = cluster.members().stream().map(IncusCluster.Member::name).toList();
        for (int run = 0; run < 3; run++) {
            http().post().uri("/api/runs").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("image", cluster.imageAlias(), "command", List.of("hostname"))).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.exitCode").isEqualTo(0)
                    .jsonPath("$.location").value(location -> assertThat(members).contains((String) location));
        }
        http().get().uri("/api/cluster").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.clustered").isEqualTo(true)
                .jsonPath("$.members[*].name").value(names -> assertThat(((List<?>) names).stream().map(String::valueOf))
                        .containsExactlyInAnyOrderElementsOf(members))
                .jsonPath("$.members[*].status").value(statuses -> assertThat(((List<?>) statuses).stream()
                        .map(String::valueOf)).containsOnly("Online"));
    }

    @Test
    void theListAndThePageShowWhereInstancesAreAndTheMembers(IncusCluster cluster, @TempDir Path profile)
            throws Exception {
        IncusCluster.Member third = cluster.members().get(2);
        String name = "placed-" + Long.toHexString(System.nanoTime());
        incus.target(third.name()).instances().create(InstancesPost.builder(name).source(InstanceSource.none()).build())
                .flatMap(creation -> creation.await(WAIT)).block(WAIT);
        try {
            http().get().uri("/api/instances").exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$[?(@.name == '" + name + "')].location").isEqualTo(List.of(third.name()));

            SandboxPageBrowserTest.requireTheBrowser();
            WebDriver browser = SandboxPageBrowserTest.chromium(profile);
            try {
                browser.get("http://localhost:" + port + "/");
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cluster-section")));
                wait.until(driver -> driver.findElements(By.cssSelector("#members tr")).size()
                        == cluster.members().size());
                assertThat(browser.findElement(By.cssSelector("#members tr[data-member='" + third.name() + "']"))
                        .getText()).contains("Online");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("instances"), name));
                assertThat(browser.findElement(By.id("instances")).getText()).contains(name + " Stopped container "
                        + third.name());

                browser.findElement(By.id("image")).clear();
                browser.findElement(By.id("image")).sendKeys(cluster.imageAlias());
                browser.findElement(By.id("command")).clear();
                browser.findElement(By.id("command")).sendKeys("echo on-a-member");
                browser.findElement(By.id("run")).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
                assertThat(browser.findElement(By.id("stdout")).getText()).isEqualTo("on-a-member");
                assertThat(cluster.members().stream().map(IncusCluster.Member::name))
                        .contains(browser.findElement(By.id("location")).getText());
            } finally {
                browser.quit();
            }
        } finally {
            incus.instances().delete(name).flatMap(deletion -> deletion.await(WAIT)).block(WAIT);
        }
    }
}

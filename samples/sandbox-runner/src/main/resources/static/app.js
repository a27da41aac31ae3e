// The page: Incus health, a run form, and the instance list refreshed by Incus lifecycle events.
"use strict";

const $ = (id) => document.getElementById(id);

async function refreshHealth() {
  try {
    const response = await fetch("actuator/health");
    const health = await response.json();
    const incus = (health.components || {}).incus || { status: "UNKNOWN", details: { reason: "no incus health" } };
    $("health").dataset.status = incus.status;
    $("health").textContent = incus.status;
    const details = $("health-details");
    details.replaceChildren();
    for (const [key, value] of Object.entries(incus.details || {})) {
      const term = document.createElement("dt");
      term.textContent = key;
      const description = document.createElement("dd");
      description.textContent = typeof value === "object" ? JSON.stringify(value) : String(value);
      details.append(term, description);
    }
  } catch (failure) {
    $("health").dataset.status = "DOWN";
    $("health").textContent = "the application does not answer: " + failure;
  }
}

async function refreshInstances() {
  const response = await fetch("api/instances");
  const body = $("instances");
  body.replaceChildren();
  if (!response.ok) {
    return;
  }
  for (const instance of await response.json()) {
    const row = document.createElement("tr");
    for (const value of [instance.name, instance.status, instance.type, instance.location, instance.createdAt]) {
      const cell = document.createElement("td");
      cell.textContent = value;
      row.append(cell);
    }
    body.append(row);
  }
}

// On a cluster: every member's state, as the member that answers sees it.
async function refreshCluster() {
  const response = await fetch("api/cluster");
  if (!response.ok) {
    return;
  }
  const cluster = await response.json();
  $("cluster-section").hidden = !cluster.clustered;
  const body = $("members");
  body.replaceChildren();
  for (const member of cluster.members) {
    const row = document.createElement("tr");
    row.dataset.member = member.name;
    for (const value of [member.name, member.status, member.message, member.roles.join(", ")]) {
      const cell = document.createElement("td");
      cell.textContent = value;
      row.append(cell);
    }
    body.append(row);
  }
}

function listenToEvents() {
  const source = new EventSource("api/events");
  source.onopen = () => { $("events-state").textContent = "events: connected"; };
  source.onerror = () => { $("events-state").textContent = "events: disconnected, retrying"; };
  source.addEventListener("lifecycle", (event) => {
    const data = JSON.parse(event.data);
    $("events-state").textContent = "events: last " + data.action + " " + (data.name || data.source || "");
    refreshInstances();
  });
}

$("run-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("run").disabled = true;
  $("error").hidden = true;
  $("result").hidden = true;
  const request = {
    image: $("image").value.trim(),
    command: $("command").value.trim().split(/\s+/).filter((word) => word.length > 0),
    stdin: $("stdin").value,
    timeoutSeconds: Number($("timeout").value) || 30,
  };
  try {
    const response = await fetch("api/runs", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(request),
    });
    const body = await response.json();
    if (!response.ok) {
      $("error").textContent = (body.title || "Error") + ": " + (body.detail || response.status);
      $("error").hidden = false;
      return;
    }
    $("exit-code").textContent = body.exitCode;
    $("duration").textContent = body.durationMs;
    $("instance").textContent = body.instance;
    $("location").textContent = body.location;
    $("stdout").textContent = body.stdout;
    $("stderr").textContent = body.stderr;
    $("result").hidden = false;
  } catch (failure) {
    $("error").textContent = "The request failed: " + failure;
    $("error").hidden = false;
  } finally {
    $("run").disabled = false;
    refreshInstances();
  }
});

refreshHealth();
setInterval(refreshHealth, 10000);
refreshCluster();
setInterval(refreshCluster, 10000);
refreshInstances();
listenToEvents();

// The score page: live updates over Server-Sent Events and the judge's buttons.
// Works without this script too (forms post and redirect); with it, nothing reloads.
"use strict";

(function () {
  const root = document.getElementById("match");
  if (!root) return;
  const matchId = root.dataset.matchId;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const $ = (id) => document.getElementById(id);
  let streamOpen = false;

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "className") e.className = v; else e.setAttribute(k, v);
    }
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // Draw the board from a match's public data (same markup as match.html).
  function render(d) {
    const board = $("board");
    board.replaceChildren();
    const head = el("div", { className: "row head" });
    const headSets = el("span", { className: "sets" });
    for (const [number] of d.sets) headSets.append(el("b", {}, "S" + number));
    head.append(el("span", { className: "name" }, d.isComplete ? "Final" : "Set " + d.currentSet), headSets,
      el("span", { className: "games" }, "Games"), el("span", { className: "points" }, "Points"));
    board.append(head);
    for (const n of [1, 2]) {
      const p = d.score["player" + n];
      const row = el("div", { className: "row" + (d.winner === n ? " won" : ""), "data-player": n });
      const name = el("span", { className: "name" });
      if (d.server === n && !d.isComplete) name.append(el("i", { className: "serve", title: "serving" }));
      name.append(document.createTextNode(d["player" + n + "Name"]));
      const sets = el("span", { className: "sets" });
      for (const [, g1, g2] of d.sets) {
        const mine = n === 1 ? g1 : g2, theirs = n === 1 ? g2 : g1;
        sets.append(el("b", { className: mine > theirs ? "w" : "" }, String(mine)));
      }
      row.append(name, sets,
        el("span", { className: "games", "data-testid": "p" + n + "-games" }, String(p.games)),
        el("span", { className: "points", "data-testid": "p" + n + "-points" }, String(p.points)));
      board.append(row);
    }
    $("status").textContent = d.status;
    $("complete").hidden = !d.isComplete;
    document.querySelectorAll("button.point").forEach((b) => { b.disabled = d.isComplete; });
    const vis = $("visibility");
    if (vis) {
      vis.textContent = d.isPublic ? "Public" : "Private";
      const form = vis.closest("form");
      form.querySelector('input[name="isPublic"]').value = d.isPublic ? "false" : "true";
      form.querySelector("button").textContent = d.isPublic ? "Make private" : "Make public";
    }
    board.classList.remove("flash"); void board.offsetWidth; board.classList.add("flash");
  }

  function setConn(state, text) {
    const c = $("conn");
    c.dataset.state = state;
    c.textContent = text;
  }

  function connect() {
    const source = new EventSource("/matches/" + encodeURIComponent(matchId) + "/events");
    source.onopen = () => { streamOpen = true; setConn("live", "live"); };
    source.onerror = () => { streamOpen = false; setConn("connecting", "reconnecting…"); };
    source.addEventListener("score", (e) => render(JSON.parse(e.data)));
    source.addEventListener("gone", () => {
      source.close();
      setConn("closed", "closed");
      $("gone").hidden = false;
      $("board").classList.add("stale");
    });
  }

  function message(text) {
    const m = $("message");
    if (!m) return;
    m.textContent = text || "";
    m.hidden = !text;
  }

  // The judge's forms post with fetch; the new score arrives over the stream (as for everyone).
  document.querySelectorAll(".point-form, .visibility-form").forEach((form) => {
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const button = form.querySelector("button");
      button.classList.add("pressed");
      try {
        const r = await fetch(form.action, {
          method: "POST",
          body: new URLSearchParams(new FormData(form)),
          headers: { "Accept": "application/json", "X-CSRF-Token": csrf },
          credentials: "same-origin",
        });
        const body = await r.json().catch(() => ({}));
        if (!r.ok) { message(body.error || "Error " + r.status); return; }
        message("");
        if (!streamOpen) render(body); // the stream is down: show our own result meanwhile
      } catch (err) {
        message("No connection: the point was not sent.");
      } finally {
        setTimeout(() => button.classList.remove("pressed"), 120);
      }
    });
  });

  connect();
})();

/* sphinxcontrib-ideas: client-side filter for pages that show ideas.
 *
 * Runs only in a browser with JavaScript, on pages that have `section.ideas-idea`
 * elements (project pages, and catalogs rendered inline). It adds a text box, one chip
 * per skill and a clear button above the ideas; without JavaScript (or in epub and
 * other builders) none of these exist and every idea stays visible. No library, no
 * network: it reads only the page it runs on.
 */
(function () {
  "use strict";

  /* Case-, accent- and "@"-insensitive form of a text, for matching. */
  function fold(text) {
    return (text || "")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/@/g, "")
      .replace(/\s+/g, " ")
      .trim();
  }

  /* The innermost element holding every idea: where the filter acts. */
  function commonAncestor(nodes) {
    var anc = nodes[0].parentElement;
    while (anc && !nodes.every(function (n) { return anc.contains(n); })) {
      anc = anc.parentElement;
    }
    return anc;
  }

  /* The child of `scope` on the path to `node`: the filter goes just before it. */
  function childOnPath(scope, node) {
    var cur = node;
    while (cur.parentElement && cur.parentElement !== scope) cur = cur.parentElement;
    return cur;
  }

  /* A skill's identity: where its link points (its skills-index entry), so "Golang",
   * "golang" and "Go" (one canonical skill, written three ways) are one chip. */
  function skillKey(link) {
    var href = link.getAttribute("href");
    return href ? href.split("#").pop() || href : fold(link.textContent);
  }

  /* A short label for a skill: the text as written, less qualifiers in parentheses. */
  function skillLabel(text) {
    var label = text.replace(/\s*\([^)]*\)/g, "").replace(/[.;:,]+$/, "").trim();
    return label || text.trim();
  }

  function readIdea(section) {
    var links = Array.prototype.slice.call(section.querySelectorAll("a.ideas-skill"));
    return {
      el: section,
      skillKeys: links.map(skillKey),
      skillLabels: links.map(function (a) { return skillLabel(a.textContent || ""); }),
      text: fold(section.textContent),
    };
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  /* One entry per skill: how many ideas ask for it, and its shortest label. */
  function skillCounts(ideas) {
    var counts = {};
    var names = {};
    ideas.forEach(function (idea) {
      var seen = {};
      idea.skillKeys.forEach(function (key, i) {
        var label = idea.skillLabels[i];
        if (!names[key] || label.length < names[key].length) names[key] = label;
        if (seen[key]) return;
        seen[key] = true;
        counts[key] = (counts[key] || 0) + 1;
      });
    });
    return Object.keys(counts)
      .sort(function (a, b) {
        return counts[b] - counts[a] || names[a].localeCompare(names[b]);
      })
      .map(function (key) { return { key: key, name: names[key], count: counts[key] }; });
  }

  function matches(idea, words, chosen) {
    for (var i = 0; i < chosen.length; i++) {
      if (idea.skillKeys.indexOf(chosen[i]) < 0) return false;
    }
    for (var j = 0; j < words.length; j++) {
      if (idea.text.indexOf(words[j]) < 0) return false;
    }
    return true;
  }

  /* Hide a group or project section when none of its ideas is shown. */
  function updateGroups(scope) {
    scope.querySelectorAll("section:not(.ideas-idea)").forEach(function (sec) {
      var inner = sec.querySelectorAll("section.ideas-idea");
      if (!inner.length) return;
      var anyShown = Array.prototype.some.call(inner, function (s) { return !s.hidden; });
      sec.classList.toggle("ideas-filter-hidden", !anyShown);
    });
  }

  function build(sections) {
    var ideas = sections.map(readIdea);
    var scope = commonAncestor(sections) || document.body;
    var uid = "ideas-filter-" + Math.random().toString(36).slice(2, 8);

    var box = el("div", { class: "ideas-filter", role: "search", "aria-label": "Filter ideas" });
    var row = el("div", { class: "ideas-filter-row" });
    var label = el("label", { for: uid }, "Filter ideas");
    var input = el("input", {
      type: "search",
      id: uid,
      class: "ideas-filter-input",
      placeholder: "skill, mentor or words",
      autocomplete: "off",
    });
    var clear = el("button", { type: "button", class: "ideas-filter-clear" }, "Clear");
    row.appendChild(label);
    row.appendChild(input);
    row.appendChild(clear);
    box.appendChild(row);

    var chips = el("div", { class: "ideas-filter-row ideas-filter-chips", role: "group", "aria-label": "Skills" });
    var chipButtons = skillCounts(ideas).map(function (skill) {
      var b = el("button", {
        type: "button",
        class: "ideas-filter-chip",
        "aria-pressed": "false",
        "data-skill": skill.key,
      }, skill.name + " (" + skill.count + ")");
      chips.appendChild(b);
      return b;
    });
    if (chipButtons.length) box.appendChild(chips);
    var status = el("p", { class: "ideas-filter-status", role: "status", "aria-live": "polite" });
    box.appendChild(status);

    function apply() {
      var words = fold(input.value).split(" ").filter(Boolean);
      var chosen = chipButtons
        .filter(function (b) { return b.getAttribute("aria-pressed") === "true"; })
        .map(function (b) { return b.getAttribute("data-skill"); });
      var shown = 0;
      ideas.forEach(function (idea) {
        var ok = matches(idea, words, chosen);
        idea.el.hidden = !ok;
        if (ok) shown++;
      });
      updateGroups(scope);
      var active = words.length || chosen.length;
      clear.disabled = !active;
      status.textContent = active
        ? (shown ? shown + " of " + ideas.length + " ideas shown" : "No idea matches; clear the filter to see all " + ideas.length)
        : ideas.length + " ideas";
    }

    input.addEventListener("input", apply);
    chipButtons.forEach(function (b) {
      b.addEventListener("click", function () {
        b.setAttribute("aria-pressed", b.getAttribute("aria-pressed") === "true" ? "false" : "true");
        apply();
      });
    });
    clear.addEventListener("click", function () {
      input.value = "";
      chipButtons.forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
      apply();
      input.focus();
    });
    /* A link to a hidden idea (search result, in-page link) shows it again. */
    window.addEventListener("hashchange", function () {
      var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target && target.closest && target.closest("section.ideas-idea[hidden]")) clear.click();
    });

    var before = childOnPath(scope, sections[0]);
    scope.insertBefore(box, before);
    apply();
  }

  function init() {
    var sections = Array.prototype.slice.call(document.querySelectorAll("section.ideas-idea"));
    if (!sections.length) return;
    build(sections);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

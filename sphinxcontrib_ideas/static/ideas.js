/* sphinxcontrib-ideas: client-side filter for pages that show ideas.
 *
 * Runs only in a browser with JavaScript. On a page with ideas (their headings carry
 * `ideas-idea-title`: project pages, catalogs rendered inline) it adds a text box, one
 * chip per skill and a clear button above the ideas; on a catalog overview
 * (`ul.ideas-overview`) a text box that narrows the list by idea title, project, skill
 * or mentor (each idea's line shows its skills and mentors).
 * Without JavaScript (or in epub and other builders) none of these controls exist and every
 * idea stays visible. No library and no network: it reads only the page it runs on.
 */
(function () {
  "use strict";

  /* The visible strings, translated by the extension into the build's language (it puts
   * them on the page before this script); English where they are missing. */
  var STRINGS = Object.assign(
    {
      label: "Filter ideas",
      clear: "Clear",
      skills: "Skills",
      projects: "Projects",
      mentors: "Mentors",
      difficulty: "Difficulty",
      size: "Size",
      placeholder: "skill, mentor or words",
      placeholderOverview: "title, project, skill or mentor",
      one: "{n} idea",
      other: "{n} ideas",
      none: "No idea matches; clear the filter to see all {total}",
      shown: "{shown} of {total} ideas shown",
      more: "{n} more",
      fewer: "Fewer",
    },
    window.sphinxcontribIdeasStrings || {}
  );
  /* How many chips of a row show before "more": the most common first; fewer on a
   * phone, where three full rows would push the ideas off the first screen. */
  var CHIPS_SHOWN = window.matchMedia && window.matchMedia("(max-width: 40em)").matches ? 6 : 12;
  /* A skill's key is its skills-index anchor: "ideas-skill-" and its slug. */
  var SKILL_ANCHOR = "ideas-skill-";
  /* The facets an idea can be narrowed by, each a row of chips named by `label`. A key is
   * the anchor its link points to ("ideas-skill-go", "ideas-project-tikv",
   * "ideas-mentor-ann"), or for a difficulty or a size the folded text ("medium"); `any`:
   * pressed chips of the row keep ideas with any of them (an idea has one project, one
   * difficulty), else with all of them. `param` names the row's chips in the address. */
  var FACETS = [
    { kind: "skill", label: "skills", prefix: SKILL_ANCHOR, param: "ideas-skill", any: false },
    { kind: "project", label: "projects", prefix: "ideas-project-", param: "ideas-project", any: true },
    { kind: "mentor", label: "mentors", prefix: "ideas-mentor-", param: "ideas-mentor", any: false },
    { kind: "difficulty", label: "difficulty", prefix: "", param: "ideas-difficulty", any: true },
    { kind: "size", label: "size", prefix: "", param: "ideas-size", any: true },
  ];
  /* Skill slug -> its other spellings ("go" -> ["golang", ...]), which the extension
   * writes into the page as JSON: typing an alias finds the skill. */
  var ALIASES = {};

  /* "ideas-skill-go" -> "go": the slug the address and the aliases use. */
  function slugOf(key, prefix) {
    return key.indexOf(prefix) === 0 ? key.slice(prefix.length) : key;
  }

  function skillSlug(key) {
    return slugOf(key, SKILL_ANCHOR);
  }

  function readAliases() {
    toArray(document.querySelectorAll("script.ideas-skill-aliases")).forEach(function (s) {
      try {
        Object.assign(ALIASES, JSON.parse(s.textContent));
      } catch (e) {
        /* not ours to fix: the filter works without aliases */
      }
    });
  }

  /* What a skill link adds to its idea's searchable text: its canonical name (the link's
   * title, "Go" for "Golang") and its other spellings. */
  function skillWords(links) {
    return links
      .map(function (link) {
        return skillLabel(link) + " " + (ALIASES[skillSlug(linkKey(link))] || []).join(" ");
      })
      .join(" ");
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }

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

  function toArray(list) {
    return Array.prototype.slice.call(list);
  }

  /* The innermost element holding every node: where the filter acts. */
  function commonAncestor(nodes) {
    var anc = nodes[0].parentElement;
    while (anc && !nodes.every(function (n) { return anc.contains(n); })) {
      anc = anc.parentElement;
    }
    return anc || document.body;
  }

  /* The child of `scope` on the path to `node`: the filter goes just before it. */
  function childOnPath(scope, node) {
    var cur = node;
    while (cur.parentElement && cur.parentElement !== scope) cur = cur.parentElement;
    return cur;
  }

  /* A linked thing's identity: the anchor its link points to (a skill's index entry, a
   * project, a mentor), so "Golang", "golang" and "Go" (one canonical skill, written three
   * ways) are one chip. */
  function linkKey(link) {
    var href = link.getAttribute("href");
    return href ? href.split("#").pop() || href : fold(link.textContent);
  }

  /* A skill's label: its canonical name (the link's title, as in the skills index: "Go"
   * for "Golang"), else the text as written, less qualifiers in parentheses. */
  function skillLabel(link) {
    var title = (link.getAttribute("title") || "").trim();
    if (title) return title;
    var text = link.textContent || "";
    var label = text.replace(/\s*\([^)]*\)/g, "").replace(/[.;:,]+$/, "").trim();
    return label || text.trim();
  }

  function headingLevel(node) {
    var match = /^H([1-6])$/.exec(node.tagName);
    return match ? Number(match[1]) : 0;
  }

  /* The elements of the part of the page that `heading` opens (an idea, a project). Most
   * themes keep Sphinx's <section> around it, marked `wrapperClass`: that section. Themes
   * that write sections as bare headings (sphinx-immaterial) leave the heading and what
   * follows it, up to the next heading of its level or higher. */
  function partsOf(heading, wrapperClass) {
    var parent = heading.parentElement;
    if (parent && parent.classList.contains(wrapperClass)) return [parent];
    var level = headingLevel(heading);
    var parts = [heading];
    for (var next = heading.nextElementSibling; next; next = next.nextElementSibling) {
      var nextLevel = headingLevel(next);
      if (nextLevel && nextLevel <= level) break;
      parts.push(next);
    }
    return parts;
  }

  /* An idea's facets from its links (skills by canonical name, its project, mentors)
   * and from the difficulty and size its catalog line shows, inside `scope`. */
  function facetsOf(skillLinks, projectLinks, mentorLinks, scope) {
    function read(links, label) {
      return { keys: links.map(linkKey), labels: links.map(label) };
    }
    function fact(key, keyOf) {
      var nodes = scope ? toArray(scope.querySelectorAll(".ideas-fact-" + key)) : [];
      var texts = nodes.map(function (n) { return n.textContent.trim(); }).filter(Boolean);
      return { keys: texts.map(keyOf || fold), labels: texts };
    }
    return {
      skill: read(skillLinks, skillLabel),
      project: read(projectLinks, linkLabel),
      mentor: read(mentorLinks, linkLabel),
      difficulty: fact("difficulty"),
      size: fact("project-size", sizeKey),
    };
  }

  /* A size's key: "175 hours", "175h", "~175 hrs" and "Medium (175 hours)" are one size
   * (its chip "175h") when the text gives one number of hours; else the folded text. */
  function sizeKey(text) {
    var folded = fold(text);
    var hours = folded.match(/\d+(?=\s*-?\s*(?:h|hrs?|hours?)\b)/g);
    return hours && hours.length === 1 ? hours[0] + "h" : folded;
  }

  /* A project's or mentor's label: the name its link shows. */
  function linkLabel(link) {
    return (link.getAttribute("title") || link.textContent || "").trim();
  }

  function readIdea(heading) {
    var parts = partsOf(heading, "ideas-idea");
    var skills = [];
    var mentors = [];
    var text = "";
    parts.forEach(function (part) {
      skills = skills.concat(toArray(part.querySelectorAll("a.ideas-skill")));
      mentors = mentors.concat(toArray(part.querySelectorAll("a.ideas-mentor")));
      text += " " + part.textContent;
    });
    return {
      parts: parts,
      facets: facetsOf(skills, [], mentors, null),
      text: fold(text + " " + skillWords(skills)),
    };
  }

  /* An idea of the overview: its line (title, skills, mentors), its project's name so
   * "tikv" finds them all, and its skills' canonical names and aliases. */
  function readOverviewItem(li) {
    var project = li.parentElement && li.parentElement.closest("li");
    var projectName = project ? (project.querySelector("p, a") || project).textContent : "";
    var projectLink = project && project.querySelector(":scope > p > a[href*='#ideas-project-']");
    var skills = toArray(li.querySelectorAll("a.ideas-skill"));
    return {
      parts: [li],
      facets: facetsOf(
        skills,
        projectLink ? [projectLink] : [],
        toArray(li.querySelectorAll("a.ideas-mentor")),
        li
      ),
      text: fold(projectName + " " + li.textContent + " " + skillWords(skills)),
    };
  }

  /* A part of the page that holds ideas (a project, a project's line in the overview):
   * hidden when none of its ideas is shown. */
  function container(parts, ideas) {
    var inside = ideas.filter(function (idea) {
      return parts.some(function (part) { return part.contains(idea.parts[0]); });
    });
    return { parts: parts, ideas: inside };
  }

  /* Hide or show elements: by a class of ours, not the `hidden` attribute, which a
   * theme's own `display` rules would override, and which would hide ideas in print. */
  function setHidden(parts, hide) {
    parts.forEach(function (part) { part.classList.toggle("ideas-filter-hidden", hide); });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  /* One entry per skill: how many ideas ask for it, and its shortest label. */
  /* The keys of one facet over the ideas, the most common first, each with the shortest
   * label it is written with. */
  function facetCounts(ideas, kind) {
    var counts = countKeys(ideas, kind);
    var names = {};
    ideas.forEach(function (idea) {
      var facet = idea.facets[kind];
      facet.keys.forEach(function (key, i) {
        var label = facet.labels[i];
        if (!names[key] || label.length < names[key].length) names[key] = label;
      });
    });
    return Object.keys(counts)
      .sort(function (a, b) {
        return counts[b] - counts[a] || names[a].localeCompare(names[b]);
      })
      .map(function (key) { return { key: key, name: names[key], count: counts[key] }; });
  }

  /* key -> how many of `ideas` have it in the facet `kind` (an idea counts once). */
  function countKeys(ideas, kind) {
    var counts = {};
    ideas.forEach(function (idea) {
      var seen = {};
      idea.facets[kind].keys.forEach(function (key) {
        if (seen[key]) return;
        seen[key] = true;
        counts[key] = (counts[key] || 0) + 1;
      });
    });
    return counts;
  }

  /* Whether `word` starts a word of `text`: "go" finds "Go" and "Google", not
   * "algorithm"; "kube" finds "Kubernetes". */
  function startsAWord(text, word) {
    var at = text.indexOf(word);
    while (at >= 0) {
      if (at === 0 || !/[\p{L}\p{N}]/u.test(text.charAt(at - 1))) return true;
      at = text.indexOf(word, at + 1);
    }
    return false;
  }

  /* Whether an idea has the chips pressed in one facet: any of them or all of them. */
  function hasChosen(idea, facet, chosen) {
    var keys = idea.facets[facet.kind].keys;
    var has = function (key) { return keys.indexOf(key) >= 0; };
    if (!chosen.length) return true;
    return facet.any ? chosen.some(has) : chosen.every(has);
  }

  /* chosen: kind -> pressed keys. `except`: a facet left out (for its own counts). */
  function matches(idea, words, chosen, except) {
    for (var f = 0; f < FACETS.length; f++) {
      if (FACETS[f] !== except && !hasChosen(idea, FACETS[f], chosen[FACETS[f].kind])) return false;
    }
    for (var j = 0; j < words.length; j++) {
      if (!startsAWord(idea.text, words[j])) return false;
    }
    return true;
  }

  /* Hide a container (a project, a project's list item) when none of its ideas is shown. */
  function hideEmpty(containers) {
    containers.forEach(function (box) {
      if (!box.ideas.length) return;
      setHidden(box.parts, !box.ideas.some(function (idea) { return idea.shown; }));
    });
  }

  function controls(uid, placeholder) {
    var box = el("div", { class: "ideas-filter", role: "search", "aria-label": STRINGS.label });
    var row = el("div", { class: "ideas-filter-row" });
    var input = el("input", {
      type: "search",
      id: uid,
      class: "ideas-filter-input",
      placeholder: placeholder,
      autocomplete: "off",
    });
    var clear = el("button", { type: "button", class: "ideas-filter-clear" }, STRINGS.clear);
    row.appendChild(el("label", { for: uid }, STRINGS.label));
    row.appendChild(input);
    row.appendChild(clear);
    box.appendChild(row);
    return { box: box, input: input, clear: clear };
  }

  /* One chip per key of a facet, the most common first; past CHIPS_SHOWN, behind a "more"
   * button. A facet with one key or none (the project on a project page) gets no row. */
  function chipRow(ideas, facet) {
    var label = STRINGS[facet.label];
    var row = el("div", {
      class: "ideas-filter-row ideas-filter-chips ideas-filter-" + facet.label,
      role: "group",
      "aria-label": label,
    });
    var keys = facetCounts(ideas, facet.kind);
    if (keys.length < 2) return null;
    row.appendChild(el("span", { class: "ideas-filter-facet" }, label));
    var buttons = keys.map(function (item, index) {
      var attrs = { type: "button", class: "ideas-filter-chip", "aria-pressed": "false" };
      attrs["data-" + facet.kind] = item.key;
      var b = el("button", attrs);
      b.ideasKey = item.key;
      b.ideasName = item.name;
      b.ideasExtra = index >= CHIPS_SHOWN;
      row.appendChild(b);
      return b;
    });
    var more = null;
    if (keys.length > CHIPS_SHOWN) {
      more = el("button", { type: "button", class: "ideas-filter-more", "aria-expanded": "false" });
      row.appendChild(more);
    }
    return { facet: facet, row: row, buttons: buttons, more: more };
  }

  /* Each chip's count: the ideas it would leave (for a pressed chip, what it keeps),
   * counted in one pass. In an "all of them" row that is the shown ideas with its key; in
   * an "any of them" row (projects), the ideas the other rows and the words keep, with its
   * key. A chip beyond the first ones shows only when "more" is open or it is pressed. */
  function showChips(chips, ideas, words, chosen) {
    var facet = chips.facet;
    var open = chips.more && chips.more.getAttribute("aria-expanded") === "true";
    var counted = ideas.filter(function (idea) {
      return facet.any ? matches(idea, words, chosen, facet) : idea.shown;
    });
    var counts = countKeys(counted, facet.kind);
    chips.buttons.forEach(function (b) {
      var count = counts[b.ideasKey] || 0;
      var pressed = b.getAttribute("aria-pressed") === "true";
      b.textContent = b.ideasName + " (" + count + ")";
      b.disabled = count === 0 && !pressed;
      b.classList.toggle("ideas-filter-hidden", b.ideasExtra && !open && !pressed);
    });
    if (chips.more) {
      var extra = chips.buttons.filter(function (b) { return b.ideasExtra; }).length;
      chips.more.textContent = open ? STRINGS.fewer : format(STRINGS.more, { n: extra });
    }
  }

  function statusText(active, shown, total) {
    if (!active) return format(total === 1 ? STRINGS.one : STRINGS.other, { n: total });
    if (!shown) return format(STRINGS.none, { total: total });
    return format(STRINGS.shown, { shown: shown, total: total });
  }

  /* The filter's state in the page's query string (the fragment holds idea anchors), so a
   * filtered view can be linked and Back returns to the one before: ``ideas`` for the
   * words, one ``ideas-skill`` (``ideas-project``, ``ideas-mentor``) per pressed chip; a
   * second filter on the page adds "-2". */
  function stateNames(index) {
    var suffix = index ? "-" + (index + 1) : "";
    var names = { words: "ideas" + suffix };
    FACETS.forEach(function (facet) { names[facet.kind] = facet.param + suffix; });
    return names;
  }

  /* A chip in the address by its slug ("go"), not its whole anchor ("ideas-skill-go"). */
  function readState(names) {
    var params = new URLSearchParams(window.location.search);
    var chosen = {};
    FACETS.forEach(function (facet) {
      chosen[facet.kind] = params.getAll(names[facet.kind]).map(function (slug) {
        return facet.prefix + slug;
      });
    });
    return { words: params.get(names.words) || "", chosen: chosen };
  }

  function writeState(names, words, chosen, push) {
    var params = new URLSearchParams(window.location.search);
    params.delete(names.words);
    if (words) params.set(names.words, words);
    FACETS.forEach(function (facet) {
      params.delete(names[facet.kind]);
      chosen[facet.kind].forEach(function (key) {
        params.append(names[facet.kind], slugOf(key, facet.prefix));
      });
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url === window.location.pathname + window.location.search + window.location.hash) return;
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  /* view: {ideas, scope, first (the first idea's node), placeholder, containers};
   * index: which filter of the page this is (0 for the first). */
  function build(view, index) {
    var ideas = view.ideas;
    var uid = "ideas-filter-" + (index + 1);
    var names = stateNames(index);
    var ui = controls(uid, view.placeholder);
    var rows = FACETS.map(function (facet) { return chipRow(ideas, facet); }).filter(Boolean);
    rows.forEach(function (chips) { ui.box.appendChild(chips.row); });
    var status = el("p", { class: "ideas-filter-status", role: "status", "aria-live": "polite" });
    ui.box.appendChild(status);

    /* kind -> the keys of its pressed chips */
    function pressed() {
      var chosen = {};
      FACETS.forEach(function (facet) { chosen[facet.kind] = []; });
      rows.forEach(function (chips) {
        chosen[chips.facet.kind] = chips.buttons
          .filter(function (b) { return b.getAttribute("aria-pressed") === "true"; })
          .map(function (b) { return b.ideasKey; });
      });
      return chosen;
    }

    /* push: whether Back should return to the state before this change */
    function apply(push) {
      var words = fold(ui.input.value).split(" ").filter(Boolean);
      var chosen = pressed();
      var shown = 0;
      ideas.forEach(function (idea) {
        idea.shown = matches(idea, words, chosen, null);
        setHidden(idea.parts, !idea.shown);
        if (idea.shown) shown++;
      });
      hideEmpty(view.containers);
      rows.forEach(function (chips) { showChips(chips, ideas, words, chosen); });
      var active = words.length > 0 || FACETS.some(function (f) { return chosen[f.kind].length; });
      ui.clear.disabled = !active;
      status.textContent = statusText(active, shown, ideas.length);
      if (push !== null) writeState(names, ui.input.value.trim(), chosen, push);
    }

    /* Show the state of the query string (on load, and on Back or Forward). */
    function restore() {
      var state = readState(names);
      ui.input.value = state.words;
      rows.forEach(function (chips) {
        var keys = state.chosen[chips.facet.kind];
        chips.buttons.forEach(function (b) {
          b.setAttribute("aria-pressed", keys.indexOf(b.ideasKey) >= 0 ? "true" : "false");
        });
      });
      apply(null);
    }

    ui.input.addEventListener("input", function () { apply(false); });
    ui.input.addEventListener("change", function () { apply(true); });
    rows.forEach(function (chips) {
      chips.buttons.forEach(function (b) {
        b.addEventListener("click", function () {
          b.setAttribute("aria-pressed", b.getAttribute("aria-pressed") === "true" ? "false" : "true");
          apply(true);
        });
      });
      if (chips.more) {
        chips.more.addEventListener("click", function () {
          var open = chips.more.getAttribute("aria-expanded") === "true";
          chips.more.setAttribute("aria-expanded", open ? "false" : "true");
          apply(null);
        });
      }
    });
    ui.clear.addEventListener("click", function () {
      ui.input.value = "";
      rows.forEach(function (chips) {
        chips.buttons.forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
      });
      apply(true);
      ui.input.focus();
    });
    window.addEventListener("popstate", restore);
    /* A link to a hidden idea (a search result, an in-page link) shows every idea again. */
    window.addEventListener("hashchange", function () {
      var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target && target.closest && target.closest(".ideas-filter-hidden")) ui.clear.click();
    });

    view.scope.insertBefore(ui.box, childOnPath(view.scope, view.first));
    restore();
  }

  function ideasView() {
    var headings = toArray(document.querySelectorAll(".ideas-idea-title"));
    if (!headings.length) return null;
    var ideas = headings.map(readIdea);
    var firsts = ideas.map(function (idea) { return idea.parts[0]; });
    var scope = commonAncestor(firsts);
    var projects = toArray(scope.querySelectorAll(".ideas-project-title"));
    return {
      ideas: ideas,
      scope: scope,
      first: firsts[0],
      placeholder: STRINGS.placeholder,
      /* A project that holds every idea on the page (a project page) stays: hiding it
       * would hide the page's title. */
      containers: projects
        .map(function (heading) { return container(partsOf(heading, "ideas-project"), ideas); })
        .filter(function (box) { return box.ideas.length < ideas.length; }),
    };
  }

  function overviewView(list) {
    var items = toArray(list.querySelectorAll(":scope > li > ul > li"));
    if (items.length < 2) return null;
    var ideas = items.map(readOverviewItem);
    return {
      ideas: ideas,
      scope: list.parentElement,
      first: list,
      placeholder: STRINGS.placeholderOverview,
      containers: toArray(list.querySelectorAll(":scope > li")).map(function (li) {
        return container([li], ideas);
      }),
    };
  }

  /* Listing tables (``ideas-table``): on a narrow screen each row shows as a card of
   * "Column: value" lines (ideas.css, .ideas-table-stacked), so that no column hides off
   * to the side. The cells get their column's name here; without the script the table
   * scrolls sideways inside itself. */
  function stackTables() {
    toArray(document.querySelectorAll("table.ideas-table")).forEach(function (table) {
      var names = toArray(table.querySelectorAll("thead th")).map(function (th) {
        return th.textContent.trim();
      });
      toArray(table.querySelectorAll("tbody tr")).forEach(function (row) {
        toArray(row.children).forEach(function (cell, index) {
          if (names[index]) cell.setAttribute("data-label", names[index]);
        });
      });
      table.classList.add("ideas-table-stacked");
    });
  }

  function init() {
    stackTables();
    linkChips();
    readAliases();
    var view = ideasView();
    if (view) {
      build(view, 0);
      return;
    }
    var built = 0;
    toArray(document.querySelectorAll("ul.ideas-overview")).forEach(function (list) {
      var overview = overviewView(list);
      if (overview) build(overview, built++);
    });
  }

  /* A chip's key when it carries none: its name in lower case, each run of other
   * characters one dash (as script_key in nodes.py). */
  function chipKey(name) {
    return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  /* The catalog page writes its skills and mentors as text with their keys
   * (<span class="ideas-skill" data-k="cicd">CI/CD</span>; one whose key is its name as
   * chipKey reads it has none: <span class="ideas-skill">Go</span>): a link each would
   * weigh half the page at thousands of ideas. Each becomes a link to its index entry
   * here, where the page says the index pages are (a JSON script element), before the
   * filter reads the page. */
  function linkChips() {
    var data = document.querySelector("script.ideas-chip-links");
    var pages = {};
    try {
      pages = data ? JSON.parse(data.textContent) : {};
    } catch (e) {
      return;
    }
    var chips = [
      ".ideas-overview-facts > span.ideas-skill",
      ".ideas-overview-facts > span.ideas-mentor",
    ].join(", ");
    toArray(document.querySelectorAll(chips)).forEach(function (chip) {
      var kind = chip.classList.contains("ideas-skill") ? "skill" : "mentor";
      if (typeof pages[kind] !== "string") return;
      var name = chip.firstChild ? chip.firstChild.nodeValue || "" : "";
      var key = chip.getAttribute("data-k") || chipKey(name);
      var link = document.createElement("a");
      link.className = "ideas-" + kind + " reference internal";
      link.href = pages[kind] + "#ideas-" + kind + "-" + key;
      while (chip.firstChild) link.appendChild(chip.firstChild);
      chip.parentNode.replaceChild(link, chip);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

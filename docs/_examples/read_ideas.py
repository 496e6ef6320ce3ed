"""Read an ideas file without Sphinx: every idea with its mentors, then the problems found."""

from sphinxcontrib_ideas.ideasfile.reader import load_catalog

result = load_catalog("ideas.md")
for project, idea in result.catalog.iter_ideas():
    print(project.name, "/", idea.title, [m.github for m in idea.mentors])
for diagnostic in result.diagnostics:
    print(diagnostic.line, diagnostic.subtype, diagnostic.message)

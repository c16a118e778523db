package cleaner

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// The head above an article, read by its structure: the headline is the
// line above the byline or the date, the date may sit in a byline's tail
// or after a time, a role is known by its head noun, and a byline no rule
// names is known by its place. Each case is one behaviour; the article is
// the same three paragraphs.
func TestHeadStructure(t *testing.T) {
	article := "\n\n" + para1 + "\n\n" + para2 + "\n\n" + para3 + "\n"
	tests := []struct {
		name    string
		head    string
		title   string
		date    string
		authors []string
	}{
		{"date in a byline's tail",
			"Council backs floodwall repair\nBy Dana Whitcomb | June 3, 2024 at 6:42 p.m. EDT",
			"Council backs floodwall repair", "2024-06-03", []string{"Dana Whitcomb"}},
		{"date after a time",
			"Villages face losing evening buses\nPublished: 14:05, 9 April 2024 | Updated: 16:22, 10 April 2024",
			"Villages face losing evening buses", "2024-04-09", nil},
		{"publication before update",
			"Privas : le pont fermé aux poids lourds\nPar Élodie Marchand\nMis à jour le 4 mai 2024 à 07h30 · Publié le 3 mai 2024 à 18h12",
			"Privas : le pont fermé aux poids lourds", "2024-05-03", []string{"Élodie Marchand"}},
		{"an update's date when there is no other",
			"Council extends night buses\nUpdated: March 20, 2024",
			"Council extends night buses", "2024-03-20", nil},
		{"headline with a full stop above the byline",
			"Sign in | Subscribe\nWhen the weekly paper closed, a newsletter moved in. Two years on, it's still there.\nBy Corinne Achebe-Lund and Dev Ramaswamy\nApril 23, 2024",
			"When the weekly paper closed, a newsletter moved in. Two years on, it's still there.", "2024-04-23", []string{"Corinne Achebe-Lund", "Dev Ramaswamy"}},
		{"role by its head noun",
			"Phone review: the battery lasts\nTheo Marchetti, Senior Mobile Reviewer\n24 September 2024",
			"Phone review: the battery lasts", "2024-09-24", []string{"Theo Marchetti"}},
		{"role before its complement",
			"Temps des sucres : une récolte record\nMathieu Bérubé, journaliste de l'Initiative de journalisme local\n4 avril 2024",
			"Temps des sucres : une récolte record", "2024-04-04", []string{"Mathieu Bérubé"}},
		{"role after a comma is no second author",
			"Derby settled late in the mud\nBy Liam Mercer, Chief Football Writer",
			"Derby settled late in the mud", "", []string{"Liam Mercer"}},
		{"an outlet after a comma is no second author",
			"Villages lose evening buses\nBy Harriet Lomax, Local Democracy Reporting Service",
			"Villages lose evening buses", "", []string{"Harriet Lomax"}},
		{"a comma list closed by a joiner",
			"Council approves the budget\nBy Ann Lee, Bo Park and Cy Young",
			"Council approves the budget", "", []string{"Ann Lee", "Bo Park", "Cy Young"}},
		{"a name stops at a role noun",
			"Elevator named a heritage site\nBy Kendra Loewen  Reporter  The Prairie Ledger\nPosted March 2, 2024 11:18 am",
			"Elevator named a heritage site", "2024-03-02", []string{"Kendra Loewen"}},
		{"byline by its place: a date after the name",
			"A quiet novel that refuses to stay quiet\nImogen Hartley-Baird · 10 Mar 2024",
			"A quiet novel that refuses to stay quiet", "2024-03-10", []string{"Imogen Hartley-Baird"}},
		{"byline by its place: above the date",
			"Metro crosses one lakh daily riders\nPranav Deshmukh, Nagpur\nJul 12, 2024",
			"Metro crosses one lakh daily riders", "2024-07-12", []string{"Pranav Deshmukh"}},
		{"a labelled byline",
			"Paddle sur le Léman: 140 amendes\nTexte: Nathalie Jaquet et Sami Rochat\n18 juillet 2024",
			"Paddle sur le Léman: 140 amendes", "2024-07-18", []string{"Nathalie Jaquet", "Sami Rochat"}},
		{"an organisation in a byline's place is no author",
			"Halvorsen Marine launches an electric tug\nHalvorsen Marine AS\nMay 14, 2024, 08:00 ET",
			"Halvorsen Marine launches an electric tug", "2024-05-14", nil},
		{"a kicker above the headline is no byline",
			"Agrarpolitik · Tirol\nAlmsommer 2024: Almen suchen Hirten\n14. Juni 2024",
			"Almsommer 2024: Almen suchen Hirten", "2024-06-14", nil},
	}
	c := testCleaner(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Clean(context.Background(), []byte(tt.head+article))
			if err != nil {
				t.Fatal(err)
			}
			m := res.Meta
			if m.Title != tt.title {
				t.Errorf("title %q, want %q", m.Title, tt.title)
			}
			if m.Date != tt.date {
				t.Errorf("date %q, want %q", m.Date, tt.date)
			}
			if !slices.Equal(m.Authors, tt.authors) && len(m.Authors)+len(tt.authors) > 0 {
				t.Errorf("authors %q, want %q", m.Authors, tt.authors)
			}
			if !strings.HasPrefix(res.Body, para1) {
				t.Errorf("body starts %q, want the article", firstLine(res.Body))
			}
		})
	}
}

// A real first paragraph stays in the body even when a short line
// follows it: only a byline or a date line under it makes it a headline.
func TestHeadKeepsShortLead(t *testing.T) {
	in := "The council met on Tuesday. It voted to close the pool.\nThe vote was 6-1.\n\n" + para1 + "\n\n" + para2 + "\n"
	res, err := testCleaner(t).Clean(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.Body, "The council met on Tuesday.") {
		t.Errorf("body starts %q, want the lead", firstLine(res.Body))
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

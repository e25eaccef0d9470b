package mediameta

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Site is one of the Trust's premises: a circle of RadiusM metres around a
// WGS-84 position in decimal degrees. A photo taken inside it is treated as
// a possible workplace photo.
type Site struct {
	Name     string
	Lat, Lon float64
	RadiusM  float64
}

// Bounds on a sites file.
const (
	// maxSitesBytes bounds the size of a sites file.
	maxSitesBytes = 1 << 20
	// maxRadiusM bounds a site's radius: a larger circle would cover whole
	// neighbourhoods and flag photos that have nothing to do with the site.
	maxRadiusM = 2000
)

// sitesFile is the YAML layout of a sites file (rules/sites.yaml).
type sitesFile struct {
	Sites []siteEntry `yaml:"sites"`
}

// siteEntry is one site in a sites file. Pointers tell a missing number from
// zero.
type siteEntry struct {
	Name    string   `yaml:"name"`
	Lat     *float64 `yaml:"lat"`
	Lon     *float64 `yaml:"lon"`
	RadiusM *float64 `yaml:"radius_m"`
}

// LoadSites reads a sites file from r. name is the file's name, used in
// error messages, which take the form "name:line: message". The YAML is
// decoded strictly: unknown keys, duplicate keys, a second document, and
// sites with a missing or out-of-range field or a repeated name are errors.
//
// The layout is:
//
//	sites:
//	  - name: Torbay Hospital
//	    lat: 50.4807
//	    lon: -3.5468
//	    radius_m: 450
func LoadSites(r io.Reader, name string) ([]Site, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxSitesBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: read: %w", name, err)
	}
	if len(data) > maxSitesBytes {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, maxSitesBytes)
	}

	// First the node tree, for line numbers; then the strict decode.
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s:1: empty sites file", name)
		}
		return nil, yamlError(name, err)
	}
	var f sitesFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, yamlError(name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, fmt.Errorf("%s:%d: more than one YAML document", name, extra.Line)
	} else if !errors.Is(err, io.EOF) {
		return nil, yamlError(name, err)
	}

	lines := siteLines(&doc)
	lineOf := func(i int) int {
		if i < len(lines) {
			return lines[i]
		}
		return 1
	}
	if len(f.Sites) == 0 {
		return nil, fmt.Errorf("%s:%d: no sites listed under \"sites\"", name, doc.Line)
	}
	sites := make([]Site, 0, len(f.Sites))
	seen := make(map[string]int, len(f.Sites))
	for i, e := range f.Sites {
		line := lineOf(i)
		s, err := e.site()
		if err != nil {
			return nil, fmt.Errorf("%s:%d: site %d: %w", name, line, i+1, err)
		}
		key := strings.ToLower(s.Name)
		if prev, dup := seen[key]; dup {
			return nil, fmt.Errorf("%s:%d: site %q is also listed at line %d", name, line, s.Name, prev)
		}
		seen[key] = line
		sites = append(sites, s)
	}
	return sites, nil
}

// site checks a sites-file entry and converts it.
func (e siteEntry) site() (Site, error) {
	name := strings.TrimSpace(e.Name)
	if name == "" {
		return Site{}, errors.New("missing name")
	}
	switch {
	case e.Lat == nil:
		return Site{}, fmt.Errorf("%q: missing lat", name)
	case e.Lon == nil:
		return Site{}, fmt.Errorf("%q: missing lon", name)
	case e.RadiusM == nil:
		return Site{}, fmt.Errorf("%q: missing radius_m", name)
	}
	s := Site{Name: name, Lat: *e.Lat, Lon: *e.Lon, RadiusM: *e.RadiusM}
	switch {
	case !(s.Lat >= -90 && s.Lat <= 90): // also catches NaN
		return Site{}, fmt.Errorf("%q: lat %v is not within ±90 degrees", name, s.Lat)
	case !(s.Lon >= -180 && s.Lon <= 180):
		return Site{}, fmt.Errorf("%q: lon %v is not within ±180 degrees", name, s.Lon)
	case !(s.RadiusM > 0 && s.RadiusM <= maxRadiusM):
		return Site{}, fmt.Errorf("%q: radius_m %v is not in (0, %d] metres", name, s.RadiusM, maxRadiusM)
	}
	return s, nil
}

// siteLines returns the line of each item of the "sites" sequence in doc.
func siteLines(doc *yaml.Node) []int {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != "sites" || m.Content[i+1].Kind != yaml.SequenceNode {
			continue
		}
		var lines []int
		for _, item := range m.Content[i+1].Content {
			lines = append(lines, item.Line)
		}
		return lines
	}
	return nil
}

// yamlError rewrites an error from the YAML decoder, whose messages read
// "yaml: line N: message", into "name:N: message" lines ("name: message"
// when the decoder gives no line).
func yamlError(name string, err error) error {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	out := make([]string, 0, len(msgs))
	for _, msg := range msgs {
		line, text := "", strings.TrimPrefix(strings.TrimSpace(msg), "yaml: ")
		if rest, ok := strings.CutPrefix(text, "line "); ok {
			if n, t, ok := strings.Cut(rest, ": "); ok && n != "" && strings.Trim(n, "0123456789") == "" {
				line, text = n, t
			}
		}
		// "field x not found in type mediameta.siteEntry": name the key
		// without the Go type.
		if f, ok := strings.CutPrefix(text, "field "); ok {
			if key, _, ok := strings.Cut(f, " not found in type "); ok {
				text = fmt.Sprintf("unknown key %q", key)
			}
		}
		if line == "" { // the decoder gave no position
			out = append(out, fmt.Sprintf("%s: %s", name, text))
		} else {
			out = append(out, fmt.Sprintf("%s:%s: %s", name, line, text))
		}
	}
	return &decodeError{msg: strings.Join(out, "\n"), err: err}
}

// decodeError is a YAML decoder error restated with the file name; it wraps
// the decoder's error.
type decodeError struct {
	msg string
	err error
}

func (e *decodeError) Error() string { return e.msg }
func (e *decodeError) Unwrap() error { return e.err }

// earthRadiusM is the mean radius of the Earth (IUGG), in metres.
const earthRadiusM = 6371008.8

// DistanceM returns the great-circle (haversine) distance in metres between
// two WGS-84 positions given in decimal degrees.
func DistanceM(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusM * math.Asin(math.Sqrt(math.Min(1, a)))
}

// NearestSite returns the site nearest to the position lat, lon (decimal
// degrees) and the distance to it in metres, and reports whether the
// position lies within that site's radius.
//
// When the position lies within several sites' radii, the nearest of those
// is returned (with ok true), even if a site whose radius does not reach the
// position is nearer. With no sites, or a position that is not a number,
// NearestSite returns the zero Site, +Inf and false.
func NearestSite(sites []Site, lat, lon float64) (Site, float64, bool) {
	best, bestDist, bestIn := Site{}, math.Inf(1), false
	if math.IsNaN(lat) || math.IsNaN(lon) {
		return best, bestDist, false
	}
	for _, s := range sites {
		d := DistanceM(lat, lon, s.Lat, s.Lon)
		in := d <= s.RadiusM
		if (in && !bestIn) || (in == bestIn && d < bestDist) {
			best, bestDist, bestIn = s, d, in
		}
	}
	return best, bestDist, bestIn
}

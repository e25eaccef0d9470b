package mediameta

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testSitesYAML = `sites:
  - name: Torbay Hospital
    lat: 50.4807
    lon: -3.5468
    radius_m: 450
  - name: Brixham Hospital
    lat: 50.3926
    lon: -3.5150
    radius_m: 150
`

func TestLoadSitesRulesFile(t *testing.T) {
	path := filepath.Join("..", "..", "rules", "sites.yaml")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sites, err := LoadSites(f, path)
	if err != nil {
		t.Fatalf("LoadSites: %v", err)
	}
	want := map[string][2]float64{
		"Torbay Hospital":                       {50.4807, -3.5468},
		"Newton Abbot Community Hospital":       {50.5254, -3.6087},
		"Brixham Hospital":                      {50.3926, -3.5150},
		"Dartmouth Health and Wellbeing Centre": {50.3517, -3.5800},
		"Totnes Community Hospital":             {50.4330, -3.6880},
		"Teignmouth":                            {50.5500, -3.4960},
	}
	if len(sites) != len(want) {
		t.Errorf("got %d sites; want %d", len(sites), len(want))
	}
	for _, s := range sites {
		w, ok := want[s.Name]
		if !ok {
			t.Errorf("unexpected site %q", s.Name)
			continue
		}
		if s.Lat != w[0] || s.Lon != w[1] || s.RadiusM <= 0 {
			t.Errorf("%s = %v,%v r=%v; want %v,%v", s.Name, s.Lat, s.Lon, s.RadiusM, w[0], w[1])
		}
	}
	// The sites are kilometres apart: no two circles may overlap.
	for i, a := range sites {
		for _, b := range sites[i+1:] {
			if d := DistanceM(a.Lat, a.Lon, b.Lat, b.Lon); d <= a.RadiusM+b.RadiusM {
				t.Errorf("%s and %s overlap (%.0f m apart)", a.Name, b.Name, d)
			}
		}
	}
}

func TestLoadSitesErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown key", "sites:\n  - name: A\n    lat: 1\n    lon: 1\n    radius_m: 10\n    colour: red\n", `sites.yaml:6: unknown key "colour"`},
		{"unknown top-level key", "version: 2\nsites: []\n", `sites.yaml:1: unknown key "version"`},
		{"missing lat", "sites:\n  - name: A\n    lon: 1\n    radius_m: 10\n", `sites.yaml:2: site 1: "A": missing lat`},
		{"missing name", "sites:\n  - name: A\n    lat: 1\n    lon: 1\n    radius_m: 10\n  - lat: 1\n    lon: 1\n    radius_m: 10\n", "sites.yaml:6: site 2: missing name"},
		{"latitude out of range", "sites:\n  - name: A\n    lat: 91\n    lon: 1\n    radius_m: 10\n", "sites.yaml:2: site 1: \"A\": lat 91 is not within ±90 degrees"},
		{"longitude NaN", "sites:\n  - name: A\n    lat: 1\n    lon: .nan\n    radius_m: 10\n", "lon NaN is not within ±180"},
		{"zero radius", "sites:\n  - name: A\n    lat: 1\n    lon: 1\n    radius_m: 0\n", "radius_m 0 is not in (0, 2000] metres"},
		{"huge radius", "sites:\n  - name: A\n    lat: 1\n    lon: 1\n    radius_m: 50000\n", "radius_m 50000 is not in"},
		{"duplicate name", "sites:\n  - name: A\n    lat: 1\n    lon: 1\n    radius_m: 10\n  - name: a\n    lat: 2\n    lon: 2\n    radius_m: 10\n", `sites.yaml:6: site "a" is also listed at line 2`},
		{"duplicate key", "sites:\n  - name: A\n    name: B\n    lat: 1\n    lon: 1\n    radius_m: 10\n", `sites.yaml:3: mapping key "name" already defined at line 2`},
		{"wrong type", "sites:\n  - name: A\n    lat: north\n    lon: 1\n    radius_m: 10\n", "sites.yaml:3: cannot unmarshal !!str `north` into float64"},
		{"syntax error", "sites:\n  - name: A\n   lat: [1\n", "sites.yaml:"},
		{"empty file", "", "sites.yaml:1: empty sites file"},
		{"no sites", "sites: []\n", `sites.yaml:1: no sites listed under "sites"`},
		{"two documents", testSitesYAML + "---\nsites: []\n", "sites.yaml:10: more than one YAML document"},
		{"not a mapping", "- a\n- b\n", "sites.yaml:1: cannot unmarshal !!seq into mediameta.sitesFile"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sites, err := LoadSites(strings.NewReader(tt.yaml), "sites.yaml")
			if err == nil {
				t.Fatalf("LoadSites = %v; want error containing %q", sites, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q; want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestLoadSitesTooLarge(t *testing.T) {
	big := testSitesYAML + "#" + strings.Repeat("x", maxSitesBytes) + "\n"
	if _, err := LoadSites(strings.NewReader(big), "big.yaml"); err == nil || !strings.Contains(err.Error(), "big.yaml: larger than") {
		t.Errorf("err = %v; want a size error", err)
	}
}

func TestDistanceM(t *testing.T) {
	tests := []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		want, tolerance        float64
	}{
		{"same point", torbayLat, torbayLon, torbayLat, torbayLon, 0, 1e-9},
		// One degree of arc on the mean-radius sphere.
		{"one degree of longitude on the equator", 0, 0, 0, 1, 111195.08, 0.01},
		{"one degree of latitude", 50, -3, 51, -3, 111195.08, 0.01},
		{"antipodes", 0, 0, 0, 180, math.Pi * earthRadiusM, 0.01},
		// Torbay to Brixham hospital, about 10.2 km.
		{"Torbay to Brixham", 50.4807, -3.5468, 50.3926, -3.5150, 10040, 100},
	}
	for _, tt := range tests {
		if got := DistanceM(tt.lat1, tt.lon1, tt.lat2, tt.lon2); math.Abs(got-tt.want) > tt.tolerance {
			t.Errorf("%s: DistanceM = %.2f; want %.2f ± %v", tt.name, got, tt.want, tt.tolerance)
		}
	}
}

func TestNearestSite(t *testing.T) {
	sites, err := LoadSites(strings.NewReader(testSitesYAML), "sites.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// metresNorth returns the latitude m metres north of lat.
	metresNorth := func(lat, m float64) float64 { return lat + m/earthRadiusM*180/math.Pi }
	overlapping := []Site{
		{Name: "Small near", Lat: 50, Lon: -3, RadiusM: 10},
		{Name: "Big far", Lat: metresNorth(50, 100), Lon: -3, RadiusM: 500},
	}
	tests := []struct {
		name     string
		sites    []Site
		lat, lon float64
		wantName string
		wantDist float64 // ± 1 m
		wantIn   bool
	}{
		{"at Torbay Hospital", sites, torbayLat, torbayLon, "Torbay Hospital", 0, true},
		{"400 m from Torbay Hospital", sites, metresNorth(torbayLat, 400), torbayLon, "Torbay Hospital", 400, true},
		{"500 m from Torbay Hospital", sites, metresNorth(torbayLat, 500), torbayLon, "Torbay Hospital", 500, false},
		{"just inside Brixham", sites, metresNorth(50.3926, 149), -3.5150, "Brixham Hospital", 149, true},
		{"Exeter city centre", sites, 50.7256, -3.5269, "Torbay Hospital", 27250, false},
		{"inside a farther, larger site", overlapping, metresNorth(50, 40), -3, "Big far", 60, true},
		{"inside neither", overlapping, metresNorth(50, -700), -3, "Small near", 700, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, d, in := NearestSite(tt.sites, tt.lat, tt.lon)
			tol := 1.0
			if tt.wantDist > 10000 {
				tol = 300
			}
			if s.Name != tt.wantName || math.Abs(d-tt.wantDist) > tol || in != tt.wantIn {
				t.Errorf("NearestSite = %q, %.1f m, %v; want %q, %.1f m, %v", s.Name, d, in, tt.wantName, tt.wantDist, tt.wantIn)
			}
		})
	}
	t.Run("no sites", func(t *testing.T) {
		s, d, in := NearestSite(nil, torbayLat, torbayLon)
		if s != (Site{}) || !math.IsInf(d, 1) || in {
			t.Errorf("NearestSite(nil) = %+v, %v, %v", s, d, in)
		}
	})
	t.Run("NaN position", func(t *testing.T) {
		if _, _, in := NearestSite(sites, math.NaN(), torbayLon); in {
			t.Error("NaN latitude matched a site")
		}
	})
}

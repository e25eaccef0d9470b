package mediameta

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrNotFound is returned (wrapped) by [Resolve] when the named media file
// does not exist. It wraps [fs.ErrNotExist], so callers can test for it with
// either errors.Is(err, ErrNotFound) or errors.Is(err, fs.ErrNotExist).
var ErrNotFound = fmt.Errorf("media file not found: %w", fs.ErrNotExist)

// ErrUnsafePath is returned (wrapped) by [Resolve] when a media file name is
// refused: an absolute path, a path with "..", or a path through a symlink
// that leads out of the queue file's folder.
var ErrUnsafePath = errors.New("media path outside the queue folder")

// Resolve returns the path of the media file named file in a queue whose
// queue file is in the folder queueDir. file must be a local, relative path
// (filepath.IsLocal): it may go down into sub-folders ("photos/x.jpg") but
// not be absolute, use "..", or pass through a symlink that leads out of
// queueDir; those are refused with an error wrapping [ErrUnsafePath]. The
// check is made with an [os.Root] opened on queueDir, which follows symlinks
// inside the folder and refuses any that escape it.
//
// A file that does not exist gives an error wrapping [ErrNotFound] (and so
// fs.ErrNotExist), which callers should treat as "no media to check" rather
// than a failure. A name that is not a regular file (a folder, a device) is
// an error.
//
// The returned path is queueDir joined with file. Resolve checks it at the
// time of the call; a caller that cannot trust the folder not to change
// between Resolve and [Read] should hold the folder still.
func Resolve(queueDir, file string) (string, error) {
	switch {
	case file == "":
		return "", fmt.Errorf("mediameta: resolve media file: %w: empty name", ErrUnsafePath)
	case filepath.IsAbs(file) || strings.HasPrefix(file, "/") || strings.HasPrefix(file, `\`):
		return "", fmt.Errorf("mediameta: resolve media file %q: %w: absolute paths are not allowed", file, ErrUnsafePath)
	case !filepath.IsLocal(file):
		return "", fmt.Errorf("mediameta: resolve media file %q: %w: the name leads out of the folder", file, ErrUnsafePath)
	}
	root, err := os.OpenRoot(queueDir)
	if err != nil {
		return "", fmt.Errorf("mediameta: resolve media file %q: open queue folder: %w", file, err)
	}
	defer root.Close()
	fi, err := root.Stat(file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("mediameta: resolve media file %q in %s: %w", file, queueDir, ErrNotFound)
	case isEscape(err):
		return "", fmt.Errorf("mediameta: resolve media file %q in %s: %w: a symlink leads out of the folder", file, queueDir, ErrUnsafePath)
	case err != nil:
		return "", fmt.Errorf("mediameta: resolve media file %q in %s: %w", file, queueDir, err)
	case !fi.Mode().IsRegular():
		return "", fmt.Errorf("mediameta: resolve media file %q in %s: not a regular file (%s)", file, queueDir, fi.Mode().Type())
	}
	return filepath.Join(queueDir, file), nil
}

// isEscape reports whether err is os.Root's refusal of a path that escapes
// the root. The standard library has no exported sentinel for it, so the
// message of the innermost error is compared.
func isEscape(err error) bool {
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Err == nil {
		return false
	}
	return pe.Err.Error() == "path escapes from parent"
}

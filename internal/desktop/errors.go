package desktop

import "tessera/coding"

// errNoHome is the error of DataDir when nothing says where the user's
// files go.
var errNoHome = coding.Errorf(coding.EINVALID, "cannot tell where your data directory should be (no home directory and no AppData or XDG_DATA_HOME); give one with --data DIR")

import "self_import.aug"

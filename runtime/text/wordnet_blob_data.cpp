// The blob runtime/text/make_wordnet_blob.py writes at build time, included as it is by the assembler.
// runtime/CMakeLists.txt names the file (AUGER_WORDNET_BLOB, a string literal) and rebuilds this object when it
// changes; compiled without it, the blob is empty and WordNet is read from its files at run time.

__asm__(
    ".section .rodata\n"
    ".balign 16\n"
    ".globl auger_wordnet_blob\n"
    ".hidden auger_wordnet_blob\n"
    "auger_wordnet_blob:\n"
#ifdef AUGER_WORDNET_BLOB
    ".incbin \"" AUGER_WORDNET_BLOB
    "\"\n"
#endif
    ".globl auger_wordnet_blob_end\n"
    ".hidden auger_wordnet_blob_end\n"
    "auger_wordnet_blob_end:\n"
    ".previous\n");

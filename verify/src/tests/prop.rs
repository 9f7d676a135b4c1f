//! Property tests: the engines agree with each other and with `ir::decide`.

//! Differential suite: MXC's published schemas against mxcc's schema stage (placeholder).

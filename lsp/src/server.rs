//! The main loop: one thread reads messages, applies edits, answers requests and publishes
//! diagnostics once the queue of incoming messages is empty.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use crossbeam_channel::{Receiver, Sender};
use driver::{CheckOptions, PlatformChoice};
use ir::SourceId;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, CompletionOptions, CompletionParams, CompletionResponse,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DocumentSymbolParams, DocumentSymbolResponse, HoverParams, HoverProviderCapability,
    InitializeParams, OneOf, PositionEncodingKind, PublishDiagnosticsParams, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextEdit, Url,
    WorkspaceEdit,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diagnostics::{self, Source};
use crate::document::{self, Analysis, Document, HOME};
use crate::fixes::{self, Fix};
use crate::text::Text;
use crate::worker::{self, Done, Job};
use crate::{completion, hover, symbols};

/// Serves one client over a connection until `exit`.
pub(crate) fn serve(connection: &Connection) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "mxcc", "version": env!("CARGO_PKG_VERSION") },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    #[expect(deprecated, reason = "`root_uri` is what older clients send")]
    let root = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone())
        .or_else(|| params.root_uri.clone())
        .and_then(|u| u.to_file_path().ok());
    let options = options(params.initialization_options.as_ref(), root.as_deref());
    let (jobs, done) = worker::spawn(options.clone())?;
    let mut server = Server {
        connection,
        options,
        jobs,
        done,
        worker_alive: true,
        documents: HashMap::new(),
        queue: VecDeque::new(),
        dirty: BTreeSet::new(),
        shutting_down: false,
    };
    server.run()
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".to_owned(), ":".to_owned()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// Check options from `initializationOptions`, as the flags of `mxcc check`: `platform`
/// (`linux`, `macos`, `windows`), `exact`, `strict`, `config` (an `mxcc.toml`), `baseline` and
/// `guardrails` (policies every document is proven against). Relative paths are resolved
/// against the workspace root.
fn options(init: Option<&Value>, root: Option<&Path>) -> CheckOptions {
    let mut options = CheckOptions::default();
    let Some(init) = init else {
        return options;
    };
    if let Some(platform) = init
        .get("platform")
        .and_then(Value::as_str)
        .and_then(ir::Platform::parse)
    {
        options.platform = PlatformChoice::Fixed(platform);
    }
    options.exact = init.get("exact").and_then(Value::as_bool).unwrap_or(false);
    options.strict = init.get("strict").and_then(Value::as_bool).unwrap_or(false);
    let path = |v: &Value| {
        let p = PathBuf::from(v.as_str()?);
        Some(match root {
            Some(root) if p.is_relative() => root.join(p),
            _ => p,
        })
    };
    options.config = init.get("config").and_then(path);
    options.baseline = init.get("baseline").and_then(path);
    options.guardrails = init
        .get("guardrails")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(path).collect())
        .unwrap_or_default();
    options
}

/// The reference policies labels may point into, with the source ids `check_source` gives
/// them (the document's id plus 2, 3, ...), read from disk.
fn references(options: &CheckOptions) -> Vec<(SourceId, Url, Text)> {
    options
        .baseline
        .iter()
        .chain(&options.guardrails)
        .zip(2u32..)
        .filter_map(|(path, id)| {
            let uri = Url::from_file_path(path).ok()?;
            let text = std::fs::read_to_string(path).ok()?;
            Some((SourceId(HOME.0 + id), uri, Text::new(text)))
        })
        .collect()
}

struct Server<'c> {
    connection: &'c Connection,
    options: CheckOptions,
    /// Snapshots to check on the checker thread, and its results.
    jobs: Sender<Job>,
    done: Receiver<Done>,
    /// False once the checker thread is gone; documents are then checked on this thread.
    worker_alive: bool,
    documents: HashMap<Url, Document>,
    /// Messages read but not handled yet, so that a cancellation can reach a pending request.
    queue: VecDeque<Message>,
    /// Documents changed since their last check was scheduled.
    dirty: BTreeSet<Url>,
    shutting_down: bool,
}

/// Whether the loop goes on.
enum Flow {
    Continue,
    Exit(Result<(), String>),
}

impl Server<'_> {
    fn run(&mut self) -> Result<(), String> {
        loop {
            if self.queue.is_empty() {
                self.schedule_dirty()?;
                let never = crossbeam_channel::never();
                let done = if self.worker_alive {
                    &self.done
                } else {
                    &never
                };
                crossbeam_channel::select! {
                    recv(self.connection.receiver) -> message => match message {
                        Ok(message) => self.enqueue(message)?,
                        Err(_) => {
                            return Err("the client closed the connection without `exit`".to_owned());
                        }
                    },
                    recv(done) -> result => match result {
                        Ok(result) => self.finished(result)?,
                        Err(_) => self.worker_alive = false,
                    },
                }
            }
            while let Ok(message) = self.connection.receiver.try_recv() {
                self.enqueue(message)?;
            }
            while let Ok(result) = self.done.try_recv() {
                self.finished(result)?;
            }
            let Some(message) = self.queue.pop_front() else {
                continue;
            };
            let outcome = catch_unwind(AssertUnwindSafe(|| self.handle(message)));
            match outcome {
                Ok(Flow::Continue) => {}
                Ok(Flow::Exit(result)) => return result,
                Err(_) => self.log("mxcc: internal error while handling a message")?,
            }
        }
    }

    /// Queues a message; a cancellation of a queued request answers it at once.
    fn enqueue(&mut self, message: Message) -> Result<(), String> {
        if let Message::Notification(n) = &message
            && n.method == "$/cancelRequest"
        {
            let id = n.params.get("id").and_then(|id| match id {
                Value::Number(n) => n
                    .as_i64()
                    .and_then(|n| i32::try_from(n).ok())
                    .map(RequestId::from),
                Value::String(s) => Some(RequestId::from(s.clone())),
                _ => None,
            });
            let position = id.and_then(|id| {
                self.queue
                    .iter()
                    .position(|m| matches!(m, Message::Request(r) if r.id == id))
                    .map(|i| (i, id))
            });
            if let Some((i, id)) = position {
                self.queue.remove(i);
                self.send(Response::new_err(
                    id,
                    ErrorCode::RequestCanceled as i32,
                    "canceled".to_owned(),
                ))?;
            }
            return Ok(());
        }
        self.queue.push_back(message);
        Ok(())
    }

    fn handle(&mut self, message: Message) -> Flow {
        let sent = match message {
            Message::Request(request) => self.request(request),
            Message::Notification(n) if n.method == "exit" => {
                return Flow::Exit(if self.shutting_down {
                    Ok(())
                } else {
                    Err("`exit` before `shutdown`".to_owned())
                });
            }
            Message::Notification(n) => {
                self.notification(n);
                Ok(())
            }
            Message::Response(_) => Ok(()),
        };
        match sent {
            Ok(()) => Flow::Continue,
            Err(e) => Flow::Exit(Err(e)),
        }
    }

    fn request(&mut self, request: Request) -> Result<(), String> {
        let id = request.id.clone();
        if self.shutting_down {
            return self.send(Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down".to_owned(),
            ));
        }
        let response = match request.method.as_str() {
            "shutdown" => {
                self.shutting_down = true;
                Response::new_ok(id, Value::Null)
            }
            "textDocument/hover" => self.answer(request, |s, p: HoverParams| {
                let doc = &p.text_document_position_params;
                s.with_analysis(&doc.text_document.uri, false, |text, analysis| {
                    hover::hover(text, analysis, doc.position)
                })
                .flatten()
            }),
            "textDocument/completion" => self.answer(request, |s, p: CompletionParams| {
                let doc = &p.text_document_position;
                s.with_analysis(&doc.text_document.uri, false, |text, analysis| {
                    CompletionResponse::Array(completion::complete(text, analysis, doc.position))
                })
            }),
            "textDocument/codeAction" => self.answer(request, |s, p: CodeActionParams| {
                let uri = p.text_document.uri.clone();
                s.with_analysis(&uri, true, |text, analysis| {
                    code_actions(&uri, text, analysis, &p)
                })
            }),
            "textDocument/documentSymbol" => self.answer(request, |s, p: DocumentSymbolParams| {
                s.with_analysis(&p.text_document.uri, false, |text, analysis| {
                    let root = analysis.policy_root();
                    DocumentSymbolResponse::Nested(
                        root.map_or_else(Vec::new, |r| symbols::symbols(text, r)),
                    )
                })
            }),
            _ => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("unknown method `{}`", request.method),
            ),
        };
        self.send(response)
    }

    /// Parses the parameters of a request and answers it with `f`'s result.
    fn answer<P: DeserializeOwned, R: Serialize>(
        &mut self,
        request: Request,
        f: impl FnOnce(&mut Self, P) -> R,
    ) -> Response {
        match serde_json::from_value::<P>(request.params) {
            Ok(params) => Response::new_ok(request.id, f(self, params)),
            Err(e) => Response::new_err(request.id, ErrorCode::InvalidParams as i32, e.to_string()),
        }
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) {
                    let doc = p.text_document;
                    self.documents.insert(
                        doc.uri.clone(),
                        Document {
                            text: Text::new(doc.text),
                            version: doc.version,
                            analysis: None,
                            checked: false,
                        },
                    );
                    self.dirty.insert(doc.uri);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params)
                    && let Some(doc) = self.documents.get_mut(&p.text_document.uri)
                {
                    for change in p.content_changes {
                        doc.text.apply(change);
                    }
                    doc.version = p.text_document.version;
                    doc.analysis = None;
                    doc.checked = false;
                    self.dirty.insert(p.text_document.uri);
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    self.documents.remove(&uri);
                    self.dirty.remove(&uri);
                    let params = PublishDiagnosticsParams::new(uri, Vec::new(), None);
                    let _ = self.notify("textDocument/publishDiagnostics", params);
                }
            }
            _ => {}
        }
    }

    /// Runs `f` on a document and its analysis of the current text. The analysis has the
    /// diagnostics of the current text when they are known, or when `checked` asks for them
    /// (then they are computed here, on this thread); otherwise it has none.
    fn with_analysis<R>(
        &mut self,
        uri: &Url,
        checked: bool,
        f: impl FnOnce(&Text, &Analysis) -> R,
    ) -> Option<R> {
        let options = &self.options;
        let doc = self.documents.get_mut(uri)?;
        let analysis = doc
            .analysis
            .get_or_insert_with(|| document::view(uri, &doc.text));
        if checked && !doc.checked {
            analysis.diagnostics = document::check(uri, &doc.text, analysis, options);
            doc.checked = true;
        }
        Some(f(&doc.text, analysis))
    }

    /// Sends the changed documents to the checker (or checks them here when it is gone).
    fn schedule_dirty(&mut self) -> Result<(), String> {
        while let Some(uri) = self.dirty.pop_first() {
            let Some(doc) = self.documents.get(&uri) else {
                continue;
            };
            let job = Job {
                uri: uri.clone(),
                version: doc.version,
                text: doc.text.clone(),
            };
            if self.worker_alive && self.jobs.send(job).is_ok() {
                continue;
            }
            self.worker_alive = false;
            if self.with_analysis(&uri, true, |_, _| ()).is_some() {
                self.publish(&uri)?;
            }
        }
        Ok(())
    }

    /// Takes a result of the checker, unless the document has changed since.
    fn finished(&mut self, done: Done) -> Result<(), String> {
        let Some(doc) = self.documents.get_mut(&done.uri) else {
            return Ok(());
        };
        if doc.version != done.version || self.dirty.contains(&done.uri) {
            return Ok(());
        }
        let analysis = doc
            .analysis
            .get_or_insert_with(|| document::view(&done.uri, &doc.text));
        analysis.diagnostics = done.diagnostics;
        doc.checked = true;
        self.publish(&done.uri)
    }

    fn publish(&self, uri: &Url) -> Result<(), String> {
        let Some(doc) = self.documents.get(uri) else {
            return Ok(());
        };
        let Some(analysis) = doc.analysis.as_ref().filter(|_| doc.checked) else {
            return Ok(());
        };
        let references = if analysis
            .diagnostics
            .iter()
            .any(|d| d.labels.iter().any(|l| l.span.source != HOME))
        {
            references(&self.options)
        } else {
            Vec::new()
        };
        let mut sources = vec![Source {
            id: HOME,
            uri,
            text: &doc.text,
        }];
        sources.extend(
            references
                .iter()
                .map(|(id, uri, text)| Source { id: *id, uri, text }),
        );
        let list: Vec<lsp_types::Diagnostic> = analysis
            .diagnostics
            .iter()
            .map(|d| diagnostics::to_lsp(d, &sources))
            .collect();
        let params = PublishDiagnosticsParams::new(uri.clone(), list, Some(doc.version));
        self.notify("textDocument/publishDiagnostics", params)
    }

    fn notify(&self, method: &str, params: impl Serialize) -> Result<(), String> {
        let n = Notification::new(method.to_owned(), params);
        self.connection
            .sender
            .send(Message::Notification(n))
            .map_err(|e| e.to_string())
    }

    fn send(&self, response: Response) -> Result<(), String> {
        self.connection
            .sender
            .send(Message::Response(response))
            .map_err(|e| e.to_string())
    }

    fn log(&self, message: &str) -> Result<(), String> {
        let params = serde_json::json!({ "type": 1, "message": message });
        self.notify("window/logMessage", params)
    }
}

/// Quick fixes for the diagnostics in the requested range, and adding a missing `version`.
pub(crate) fn code_actions(
    uri: &Url,
    text: &Text,
    analysis: &Analysis,
    params: &CodeActionParams,
) -> Vec<CodeActionOrCommand> {
    let Some(root) = analysis.policy_root() else {
        return Vec::new();
    };
    let start = text.offset(params.range.start);
    let end = text.offset(params.range.end);
    let home = [Source {
        id: HOME,
        uri,
        text,
    }];
    let mut actions = Vec::new();
    let mut versioned = false;
    for d in &analysis.diagnostics {
        let Some(span) = d.primary_span() else {
            continue;
        };
        let touches =
            span.source == HOME && span.start as usize <= end && start <= span.end as usize;
        if !touches {
            continue;
        }
        for fix in fixes::for_diagnostic(text.as_str(), root, d) {
            versioned |= d.code == ir::codes::validation::MISSING_VERSION;
            actions.push(action(uri, text, fix, Some(diagnostics::to_lsp(d, &home))));
        }
    }
    if !versioned && let Some(fix) = fixes::add_version(text.as_str(), root) {
        actions.push(action(uri, text, fix, None));
    }
    actions
}

fn action(
    uri: &Url,
    text: &Text,
    fix: Fix,
    diagnostic: Option<lsp_types::Diagnostic>,
) -> CodeActionOrCommand {
    let edits = fix
        .edits
        .into_iter()
        .map(|e| TextEdit::new(text.range(e.start, e.end), e.text))
        .collect();
    let mut changes = HashMap::new();
    changes.insert(uri.clone(), edits);
    CodeActionOrCommand::CodeAction(CodeAction {
        title: fix.title,
        kind: Some(CodeActionKind::QUICKFIX),
        is_preferred: Some(fix.preferred && diagnostic.is_some()),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(WorkspaceEdit::new(changes)),
        ..CodeAction::default()
    })
}

"""Typed input errors.

Every problem with an input file is an :class:`InputError` that names the file
and tells the user what to do. The CLI turns them into one line on stderr and
exit code 2; in a batch the other files are still processed.
"""

from __future__ import annotations

from pathlib import Path


class DancosoError(Exception):
    """Base class of the errors this library raises on purpose.

    ``summary_vi`` / ``advice_vi`` say in Vietnamese what went wrong and what to do; a subclass that has
    no Vietnamese words of its own gets these general ones, and its English text is shown as the detail.
    """

    summary_vi = "không thực hiện được yêu cầu"
    advice_vi = "Hãy sửa theo chi tiết dưới đây rồi chạy lại."


#: Every input error class by its code (the ``code`` of the JSON contract's ``errors``).
INPUT_ERRORS: dict[str, type[InputError]] = {}


def describe_vi(code: str) -> str:
    """What went wrong and what to do, in Vietnamese, for an error ``code``."""
    cls = INPUT_ERRORS.get(code, InputError)
    return f"{cls.summary_vi}. {cls.advice_vi}"


class InputError(DancosoError):
    """A file that cannot be read as a document."""

    code = "input_error"
    summary_vi = "không đọc được tệp"
    advice_vi = "Hãy kiểm tra tệp rồi chạy lại."
    advice = "Check the file."

    def __init__(self, path: str | Path, detail: str = "", *, detail_vi: str = "") -> None:
        self.path = str(path)
        self.detail = detail
        self.detail_vi = detail_vi
        super().__init__(self.message)

    @property
    def message(self) -> str:
        detail = f": {self.detail}" if self.detail else ""
        return f"{self.path}: {self.summary}{detail}. {self.advice}"

    summary = "cannot be read"

    @property
    def message_vi(self) -> str:
        """The message in Vietnamese, for reports read by people (the English detail, if any, is left out;
        a Vietnamese detail given as ``detail_vi`` is kept)."""
        detail = f": {self.detail_vi}" if self.detail_vi else ""
        return f"{self.path}: {self.summary_vi}{detail}. {self.advice_vi}"

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        INPUT_ERRORS[cls.code] = cls


class FileNotFound(InputError):
    code = "not_found"
    summary_vi = "không có tệp hoặc thư mục này"
    advice_vi = "Hãy kiểm tra lại đường dẫn."
    summary = "no such file or directory"
    advice = "Check the path."


class EmptyFileError(InputError):
    code = "empty"
    summary_vi = "tệp rỗng, không có chữ"
    advice_vi = "Hãy xuất lại văn bản từ bản gốc; tệp rỗng không có gì để rà soát."
    summary = "the file is empty (no text)"
    advice = "Export the document again; an empty file has nothing to audit."


class BinaryFileError(InputError):
    code = "binary"
    summary_vi = "tệp không phải văn bản"
    advice_vi = "Hãy dùng tệp .txt, .md, .docx, .pdf, .doc, .rtf, .odt, .html hoặc .zip."
    summary = "the file is binary, not text"
    advice = "Give a .txt, .md, .docx, .pdf, .doc, .rtf, .odt, .html or .zip file."


class UndecodableError(InputError):
    code = "undecodable"
    summary_vi = "không nhận ra bảng mã chữ của tệp"
    advice_vi = "Hãy lưu lại tệp với bảng mã UTF-8 (trong Word: Lưu thành > Văn bản thuần > Unicode (UTF-8))."
    summary = "the text encoding could not be recognised"
    advice = "Save the file as UTF-8 (in Word: Save As > Plain Text > Unicode (UTF-8))."


class ScannedPdfError(InputError):
    code = "scanned_pdf"
    summary_vi = "tệp PDF là bản quét nhưng không nhận dạng được chữ"
    advice_vi = "Bản quét quá mờ hoặc không có chữ; hãy quét lại ở 300 dpi hoặc dùng bản .docx gốc."
    summary = "the PDF has no text layer (a scanned image)"
    advice = "The scan is too faint or has no text; scan it again at 300 dpi or use the .docx original."


class UnsupportedTypeError(InputError):
    code = "unsupported_type"
    summary_vi = "định dạng tệp không được hỗ trợ"
    advice_vi = "Hỗ trợ .txt, .md, .docx, .pdf, .doc, .rtf, .odt, .html, .htm và tệp .zip chứa các tệp đó."
    summary = "unsupported file type"
    advice = "Supported: .txt, .md, .docx, .pdf, .doc, .rtf, .odt, .html, .htm and .zip archives of these."


class CorruptFileError(InputError):
    code = "corrupt"
    summary_vi = "tệp bị hỏng, không mở được"
    advice_vi = "Hãy mở bằng Word hoặc trình đọc PDF rồi lưu lại."
    summary = "the file is damaged and could not be opened"
    advice = "Open it in Word or a PDF reader and save it again."


class EncryptedFileError(InputError):
    code = "encrypted"
    summary_vi = "tệp được bảo vệ bằng mật khẩu"
    advice_vi = "Hãy xin bản không đặt mật khẩu, hoặc mở bằng mật khẩu rồi lưu một bản không bảo vệ."
    summary = "the file is protected by a password"
    advice = "Ask the sender for a copy without a password, or open it with the password and save an unprotected copy."


class NotADocumentError(InputError):
    """A file whose content is another format than its suffix says (a PNG named .pdf)."""

    code = "wrong_type"
    summary_vi = "nội dung tệp không khớp với phần mở rộng của tên tệp"
    advice_vi = "Hãy đổi tên tệp theo đúng định dạng thật, hoặc dùng văn bản gốc."
    summary = "the content does not match the file suffix"
    advice = "Rename the file with its real suffix, or give the original document."


class SymlinkLoopError(InputError):
    code = "symlink_loop"
    summary_vi = "đường dẫn là một liên kết tượng trưng vòng (trỏ về chính nó)"
    advice_vi = "Hãy sửa hoặc xóa liên kết."
    summary = "the path is a symbolic link loop (it points back to itself)"
    advice = "Fix or remove the link."


class NoDocumentsError(InputError):
    code = "no_documents"
    summary_vi = "thư mục không chứa văn bản nào"
    advice_vi = "Hãy kiểm tra đường dẫn; hỗ trợ .txt, .md, .docx, .pdf, .doc, .rtf, .odt, .html và .zip."
    summary = "the folder holds no document"
    advice = "Check the path; supported files are .txt, .md, .docx, .pdf, .doc, .rtf, .odt, .html and .zip."


class UnsafeContainerError(InputError):
    """An archive or document package that would unpack to too much, or outside its folder."""

    code = "unsafe_container"
    summary_vi = "tệp nén bị từ chối (giải nén quá lớn, tỉ lệ nén bất thường hoặc đường dẫn ra ngoài thư mục)"
    advice_vi = "Hãy tự giải nén và kiểm tra nội dung."
    summary = "the archive was refused"
    advice = "Unpack it yourself and check its content; a safe archive has no absurd compression and no '..' paths."


class ToolMissingError(InputError):
    """A reader needs an external program or an optional Python package that is not installed."""

    code = "tool_missing"
    summary_vi = "chưa cài chương trình cần để đọc tệp này"
    advice_vi = ('Hãy cài: apt-get install tesseract-ocr tesseract-ocr-vie (văn bản quét), apt-get install '
                 'libreoffice-writer-nogui (.doc, .rtf, .odt, .html) và pip install "dancoso_compare[ocr]".')
    summary = "a program needed to read this file is not installed"

    def __init__(self, path: str | Path, detail: str = "", advice: str = "", *, detail_vi: str = "") -> None:
        if advice:
            self.advice = advice
        super().__init__(path, detail, detail_vi=detail_vi)


class ConversionError(InputError):
    code = "conversion_failed"
    summary_vi = "không chuyển đổi được tệp"
    advice_vi = "Hãy mở bằng LibreOffice hoặc Word rồi lưu thành .docx."
    summary = "the file could not be converted"
    advice = "Open it in LibreOffice or Word and save it as .docx."


class RulePackError(DancosoError):
    """A rule pack that does not validate; the message lists every problem."""

    summary_vi = "bộ quy tắc không dùng được"
    advice_vi = "Hãy sửa tệp quy tắc theo các chỗ ghi dưới đây (chi tiết kỹ thuật) rồi chạy lại."

    def __init__(self, message: str, message_vi: str = "") -> None:
        super().__init__(message)
        #: the whole message in Vietnamese, when it can be said without the technical detail
        self.message_vi = message_vi


class OutputFolderError(DancosoError):
    """The report folder (``--out``) is a file, or a folder that holds other things than an earlier report."""

    summary_vi = "không ghi được báo cáo vào đây"
    advice_vi = ("Hãy chọn (--out) một thư mục mới hoặc rỗng, hoặc thư mục báo cáo trước đây của công cụ "
                 "(thư mục đó được thay toàn bộ).")

    def __init__(self, path: str | Path, detail: str) -> None:
        self.path = str(path)
        super().__init__(detail)

    @property
    def message_vi(self) -> str:
        return f"{self.path}: {self.summary_vi}. {self.advice_vi}"


def message(exc: DancosoError, lang: str = "vi") -> str:
    """The one message for people about ``exc``: in English its own text; in Vietnamese an input error's
    Vietnamese summary and advice (its English detail left out), and for any other error the Vietnamese
    summary and advice with the error's own text as the technical detail on the next line."""
    if lang == "en":
        return str(exc)
    if isinstance(exc, InputError) or getattr(exc, "message_vi", ""):
        return exc.message_vi
    detail = str(exc)
    return f"{exc.summary_vi}. {exc.advice_vi}" + (f"\n  chi tiết: {detail}" if detail else "")

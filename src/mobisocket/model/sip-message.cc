/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "sip-message.h"

#include "ns3/log.h"

#include <algorithm>
#include <cctype>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <osipparser2/osip_parser.h>
#include <sstream>
#include <strings.h>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketSipMessage");

namespace
{

/**
 * \brief Receives oSIP's diagnostics (which it would otherwise print to
 *        stderr) and logs them.
 * \param file source file in oSIP
 * \param line source line in oSIP
 * \param level oSIP trace level
 * \param format printf format
 * \param args its arguments
 */
void
OsipTraceToLog(const char* file,
               int line,
               osip_trace_level_t level,
               const char* format,
               va_list args)
{
    char text[512];
    vsnprintf(text, sizeof(text), format, args);
    std::string message(text);
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r'))
    {
        message.pop_back();
    }
    NS_LOG_LOGIC("oSIP (level " << int(level) << ", " << (file ? file : "?") << ":" << line
                                << "): " << message);
}

/**
 * \brief Take a string allocated by oSIP, copy it and free it.
 * \param text the string (may be null)
 * \return its copy
 */
std::string
TakeOsipString(char* text)
{
    if (text == nullptr)
    {
        return "";
    }
    std::string copy(text);
    osip_free(text);
    return copy;
}

/**
 * \param text a string from oSIP (may be null)
 * \return a copy, "" for null
 */
std::string
CopyOsipString(const char* text)
{
    return text ? std::string(text) : std::string();
}

/**
 * \brief Parse a decimal number without exceptions.
 * \param text the text
 * \param[out] value the number
 * \return false if text is not a decimal number of at most 10 digits
 */
bool
ParseDecimal(const std::string& text, uint64_t& value)
{
    size_t begin = text.find_first_not_of(" \t");
    size_t end = text.find_last_not_of(" \t");
    if (begin == std::string::npos || end - begin + 1 > 10)
    {
        return false;
    }
    value = 0;
    for (size_t i = begin; i <= end; ++i)
    {
        if (text[i] < '0' || text[i] > '9')
        {
            return false;
        }
        value = value * 10 + (text[i] - '0');
    }
    return true;
}

/**
 * \param uri an oSIP URI (may be null)
 * \return its text
 */
std::string
UriToString(osip_uri_t* uri)
{
    if (uri == nullptr)
    {
        return "";
    }
    char* text = nullptr;
    if (osip_uri_to_str(uri, &text) != OSIP_SUCCESS)
    {
        return "";
    }
    return TakeOsipString(text);
}

/**
 * \brief Check that a host oSIP parsed out of a text was written there as
 *        RFC 3261 (section 25.1) has it: an IPv6 reference in brackets,
 *        anything else without.
 *
 * oSIP 5.3.0 (osip_uri_parse, osip_via_parse) strips the brackets of an
 * IPv6 reference and writes them back for a host with a colon, but it is
 * lenient: it reads "sip:u@2001:db8::1:5060" as host 2001:db8::1 and port
 * 5060 (the last colon starts the port), ignores what follows the closing
 * bracket ("[2001:db8::1]x:5060" is host 2001:db8::1, port 5060), strips
 * brackets around an IPv4 address or a name, and keeps an unclosed bracket
 * in the host ("[2001:db8::1" is host "[2001:db8:", port 1, which no
 * address parser accepts). This check refuses the first three.
 *
 * \param text the text oSIP parsed (a URI, or a whole message)
 * \param host the host oSIP found in it (without brackets)
 * \return true if a host with a colon appears in text in brackets followed
 *         by the end, a port, parameters, headers or the end of the
 *         name-addr, and a host without one never appears in brackets
 */
bool
WrittenAsHost(const std::string& text, const std::string& host)
{
    std::string reference = "[" + host + "]";
    if (host.find(':') == std::string::npos)
    {
        return text.find(reference) == std::string::npos;
    }
    for (size_t at = text.find(reference); at != std::string::npos;
         at = text.find(reference, at + 1))
    {
        size_t next = at + reference.size();
        if (next == text.size() ||
            std::string(":;?>, \t\r\n").find(text[next]) != std::string::npos)
        {
            return true;
        }
    }
    return false;
}

/**
 * \brief Parse a URI with oSIP.
 * \param text the URI
 * \return the parsed URI (to free with osip_uri_free), or null (also if its
 *         host is not written as WrittenAsHost() requires)
 */
osip_uri_t*
ParseUri(const std::string& text)
{
    SipMessage::InitializeParser();
    osip_uri_t* uri = nullptr;
    if (text.empty() || osip_uri_init(&uri) != OSIP_SUCCESS)
    {
        return nullptr;
    }
    if (osip_uri_parse(uri, text.c_str()) != OSIP_SUCCESS || uri->scheme == nullptr ||
        (uri->host != nullptr && !WrittenAsHost(text, uri->host)))
    {
        osip_uri_free(uri);
        return nullptr;
    }
    return uri;
}

/**
 * \param uri the URI of a name-addr oSIP parsed (may be null)
 * \return its host, "" if none
 */
std::string
HostOf(const osip_uri_t* uri)
{
    return uri && uri->host ? std::string(uri->host) : std::string();
}

/**
 * \param from a From or To header (may be null)
 * \return its tag, "" if none
 */
std::string
TagOf(osip_from_t* from)
{
    if (from == nullptr)
    {
        return "";
    }
    osip_generic_param_t* tag = nullptr;
    if (osip_from_get_tag(from, &tag) != OSIP_SUCCESS || tag == nullptr)
    {
        return "";
    }
    return CopyOsipString(tag->gvalue);
}

/**
 * \param uri the URI of a From or To header
 * \param tag its tag (may be empty)
 * \return the header value "<uri>;tag=..."
 */
std::string
NameAddr(const std::string& uri, const std::string& tag)
{
    std::string value = "<" + uri + ">";
    if (!tag.empty())
    {
        value += ";tag=" + tag;
    }
    return value;
}

} // namespace

void
SipMessage::InitializeParser()
{
    static bool initialized = false;
    if (!initialized)
    {
        initialized = true;
        parser_init();
        // Errors, bugs and warnings of oSIP go to the log, not to stderr.
        osip_trace_initialize_func(TRACE_LEVEL4, &OsipTraceToLog);
    }
}

SipMessage::SipMessage()
    : m_message(nullptr)
{
}

SipMessage::SipMessage(osip_message* message)
    : m_message(message)
{
}

SipMessage::~SipMessage()
{
    if (m_message != nullptr)
    {
        osip_message_free(m_message);
    }
}

SipMessage::SipMessage(const SipMessage& other)
    : m_message(nullptr)
{
    if (other.m_message != nullptr && osip_message_clone(other.m_message, &m_message) != 0)
    {
        NS_LOG_WARN("oSIP could not clone a message");
        m_message = nullptr;
    }
}

SipMessage&
SipMessage::operator=(const SipMessage& other)
{
    if (this != &other)
    {
        SipMessage copy(other);
        std::swap(m_message, copy.m_message);
    }
    return *this;
}

SipMessage::SipMessage(SipMessage&& other) noexcept
    : m_message(other.m_message)
{
    other.m_message = nullptr;
}

SipMessage&
SipMessage::operator=(SipMessage&& other) noexcept
{
    if (this != &other)
    {
        std::swap(m_message, other.m_message);
    }
    return *this;
}

SipMessage
SipMessage::CreateRequest(const std::string& method, const std::string& requestUri)
{
    InitializeParser();
    if (method.empty() || method.find_first_of(" \t\r\n") != std::string::npos)
    {
        NS_LOG_WARN("CreateRequest: invalid method '" << method << "'");
        return SipMessage();
    }
    osip_uri_t* uri = ParseUri(requestUri);
    if (uri == nullptr)
    {
        NS_LOG_WARN("CreateRequest: invalid Request-URI '" << requestUri << "'");
        return SipMessage();
    }
    osip_message_t* message = nullptr;
    if (osip_message_init(&message) != OSIP_SUCCESS)
    {
        osip_uri_free(uri);
        return SipMessage();
    }
    osip_message_set_method(message, osip_strdup(method.c_str()));
    osip_message_set_version(message, osip_strdup(VERSION));
    osip_message_set_uri(message, uri);
    SipMessage request(message);
    request.SetMaxForwards(70);
    return request;
}

SipMessage
SipMessage::CreateResponse(const SipMessage& request, int statusCode, const std::string& reason)
{
    InitializeParser();
    if (!request.IsRequest() || statusCode < 100 || statusCode > 699)
    {
        NS_LOG_WARN("CreateResponse: not a request or bad status " << statusCode);
        return SipMessage();
    }
    osip_message_t* message = nullptr;
    if (osip_message_init(&message) != OSIP_SUCCESS)
    {
        return SipMessage();
    }
    SipMessage response(message);
    osip_message_set_version(message, osip_strdup(VERSION));
    osip_message_set_status_code(message, statusCode);
    const char* standard = osip_message_get_reason(statusCode);
    std::string phrase = !reason.empty() ? reason : (standard ? standard : "Unknown");
    osip_message_set_reason_phrase(message, osip_strdup(phrase.c_str()));

    const osip_message_t* from = request.m_message;
    for (int i = 0; i < osip_list_size(&from->vias); ++i)
    {
        auto via = static_cast<osip_via_t*>(osip_list_get(&from->vias, i));
        osip_via_t* copy = nullptr;
        if (osip_via_clone(via, &copy) == OSIP_SUCCESS)
        {
            osip_list_add(&message->vias, copy, -1);
        }
    }
    if (osip_from_clone(from->from, &message->from) != OSIP_SUCCESS ||
        osip_to_clone(from->to, &message->to) != OSIP_SUCCESS ||
        osip_call_id_clone(from->call_id, &message->call_id) != OSIP_SUCCESS ||
        osip_cseq_clone(from->cseq, &message->cseq) != OSIP_SUCCESS)
    {
        NS_LOG_WARN("CreateResponse: the request lacks From, To, Call-ID or CSeq");
        return SipMessage();
    }
    osip_message_force_update(message);
    return response;
}

SipMessage
SipMessage::Parse(const std::string& text)
{
    return Parse(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

SipMessage
SipMessage::Parse(const uint8_t* data, size_t size)
{
    SipMessage parsed = ParseOnce(data, size);
    if (!parsed.IsValid())
    {
        return parsed;
    }
    // oSIP accepts some text that osip_message_to_str() then writes as
    // something else (a Content-Type parameter without a value loses its
    // line end; a URI with an empty port is written unparseable): a proxy
    // would forward a different message. Accept only what writes back
    // stably, and return the message as it will be written.
    std::string written = parsed.ToString();
    SipMessage again = ParseOnce(reinterpret_cast<const uint8_t*>(written.data()), written.size());
    if (!again.IsValid() || again.ToString() != written)
    {
        NS_LOG_INFO("Parse: oSIP does not write back what it parsed; refused");
        return SipMessage();
    }
    return again;
}

SipMessage
SipMessage::ParseOnce(const uint8_t* data, size_t size)
{
    InitializeParser();
    if (data == nullptr || size == 0)
    {
        NS_LOG_INFO("Parse: empty input");
        return SipMessage();
    }
    // oSIP expects a NUL-terminated buffer; a copy guarantees it.
    std::string text(reinterpret_cast<const char*>(data), size);
    if (text.find('\0') != std::string::npos)
    {
        NS_LOG_INFO("Parse: the input contains NUL bytes; not a SIP message");
        return SipMessage();
    }
    osip_message_t* message = nullptr;
    if (osip_message_init(&message) != OSIP_SUCCESS)
    {
        return SipMessage();
    }
    SipMessage parsed(message);
    if (osip_message_parse(message, text.c_str(), text.size()) != OSIP_SUCCESS)
    {
        NS_LOG_INFO("Parse: oSIP cannot parse " << size << " bytes");
        return SipMessage();
    }
    if (!parsed.HasMandatoryHeaders())
    {
        NS_LOG_INFO("Parse: the message lacks mandatory headers");
        return SipMessage();
    }
    // Only the headers: a body may contain anything.
    size_t bodyStart = std::min(text.find("\r\n\r\n"), text.find("\n\n"));
    if (!parsed.HostsWrittenAsParsed(text.substr(0, bodyStart)))
    {
        NS_LOG_INFO("Parse: an IPv6 host without its brackets, or brackets misplaced");
        return SipMessage();
    }
    // oSIP keeps the names of the headers it has no field for in lower case;
    // write them back in the usual capitalization ("Max-Forwards").
    for (int i = 0; i < osip_list_size(&message->headers); ++i)
    {
        auto header = static_cast<osip_header_t*>(osip_list_get(&message->headers, i));
        if (header == nullptr || header->hname == nullptr)
        {
            continue;
        }
        bool wordStart = true;
        for (char* c = header->hname; *c != '\0'; ++c)
        {
            if (wordStart && *c >= 'a' && *c <= 'z')
            {
                *c = static_cast<char>(*c - 'a' + 'A');
            }
            wordStart = *c == '-';
        }
    }
    osip_message_force_update(message);
    return parsed;
}

bool
SipMessage::HasMandatoryHeaders() const
{
    const osip_message_t* m = m_message;
    if (m == nullptr || m->from == nullptr || m->from->url == nullptr || m->to == nullptr ||
        m->to->url == nullptr || m->call_id == nullptr || m->call_id->number == nullptr ||
        m->cseq == nullptr || m->cseq->number == nullptr || m->cseq->method == nullptr ||
        osip_list_size(&m->vias) <= 0)
    {
        return false;
    }
    uint64_t number = 0;
    if (!ParseDecimal(m->cseq->number, number) || number > 0x7fffffff)
    {
        return false;
    }
    auto via = static_cast<osip_via_t*>(osip_list_get(&m->vias, 0));
    if (via == nullptr || via->host == nullptr)
    {
        return false;
    }
    if (MSG_IS_RESPONSE(m))
    {
        return m->status_code >= 100 && m->status_code <= 699;
    }
    return m->sip_method != nullptr && m->req_uri != nullptr &&
           std::string(m->sip_method) == m->cseq->method;
}

bool
SipMessage::HostsWrittenAsParsed(const std::string& text) const
{
    // The text of each header that names a host, by oSIP's name for it.
    std::map<std::string, std::string> written;
    std::istringstream lines(text);
    std::string line;
    std::getline(lines, line);
    written["request-line"] = line;
    std::string name;
    while (std::getline(lines, line))
    {
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t'))
        {
            written[name] += line; // a folded line continues the header
            continue;
        }
        size_t colon = line.find(':');
        name = line.substr(0, std::min(colon, line.find_first_of(" \t")));
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
            return std::tolower(c);
        });
        static const std::map<std::string, std::string> compact{{"f", "from"},
                                                                {"t", "to"},
                                                                {"m", "contact"},
                                                                {"v", "via"}};
        auto full = compact.find(name);
        name = full == compact.end() ? name : full->second;
        written[name] += colon == std::string::npos ? "" : line.substr(colon + 1) + "\n";
    }
    std::vector<std::pair<std::string, std::string>> hosts{
        {"request-line", HostOf(m_message->req_uri)},
        {"from", HostOf(m_message->from->url)},
        {"to", HostOf(m_message->to->url)}};
    for (int i = 0; i < osip_list_size(&m_message->contacts); ++i)
    {
        auto contact = static_cast<osip_contact_t*>(osip_list_get(&m_message->contacts, i));
        hosts.emplace_back("contact", HostOf(contact ? contact->url : nullptr));
    }
    for (int i = 0; i < osip_list_size(&m_message->vias); ++i)
    {
        auto via = static_cast<osip_via_t*>(osip_list_get(&m_message->vias, i));
        hosts.emplace_back("via", via && via->host ? std::string(via->host) : std::string());
    }
    return std::all_of(hosts.begin(), hosts.end(), [&written](const auto& header) {
        return header.second.empty() || WrittenAsHost(written[header.first], header.second);
    });
}

bool
SipMessage::IsValid() const
{
    return m_message != nullptr;
}

bool
SipMessage::IsRequest() const
{
    return m_message != nullptr && MSG_IS_REQUEST(m_message) && m_message->sip_method != nullptr;
}

bool
SipMessage::IsResponse() const
{
    return m_message != nullptr && MSG_IS_RESPONSE(m_message);
}

std::string
SipMessage::GetMethod() const
{
    return IsRequest() ? CopyOsipString(m_message->sip_method) : "";
}

int
SipMessage::GetStatusCode() const
{
    return IsResponse() ? m_message->status_code : 0;
}

std::string
SipMessage::GetReasonPhrase() const
{
    return IsResponse() ? CopyOsipString(m_message->reason_phrase) : "";
}

std::string
SipMessage::GetLabel() const
{
    if (IsRequest())
    {
        return GetMethod();
    }
    if (IsResponse())
    {
        return std::to_string(GetStatusCode()) + " " + GetCSeqMethod();
    }
    return "invalid";
}

std::string
SipMessage::GetRequestUri() const
{
    return IsRequest() ? UriToString(m_message->req_uri) : "";
}

bool
SipMessage::SetRequestUri(const std::string& uri)
{
    if (!IsRequest())
    {
        return false;
    }
    osip_uri_t* parsed = ParseUri(uri);
    if (parsed == nullptr)
    {
        NS_LOG_WARN("SetRequestUri: invalid URI '" << uri << "'");
        return false;
    }
    if (m_message->req_uri != nullptr)
    {
        osip_uri_free(m_message->req_uri);
    }
    m_message->req_uri = nullptr;
    osip_message_set_uri(m_message, parsed);
    osip_message_force_update(m_message);
    return true;
}

bool
SipMessage::SetFrom(const std::string& uri, const std::string& tag)
{
    if (m_message == nullptr)
    {
        return false;
    }
    if (m_message->from != nullptr)
    {
        osip_from_free(m_message->from);
        m_message->from = nullptr;
    }
    return osip_message_set_from(m_message, NameAddr(uri, tag).c_str()) == OSIP_SUCCESS;
}

std::string
SipMessage::GetFromUri() const
{
    return m_message && m_message->from ? UriToString(m_message->from->url) : "";
}

std::string
SipMessage::GetFromTag() const
{
    return m_message ? TagOf(m_message->from) : "";
}

bool
SipMessage::SetTo(const std::string& uri, const std::string& tag)
{
    if (m_message == nullptr)
    {
        return false;
    }
    if (m_message->to != nullptr)
    {
        osip_to_free(m_message->to);
        m_message->to = nullptr;
    }
    return osip_message_set_to(m_message, NameAddr(uri, tag).c_str()) == OSIP_SUCCESS;
}

bool
SipMessage::SetToTag(const std::string& tag)
{
    if (m_message == nullptr || m_message->to == nullptr || tag.empty() ||
        !TagOf(m_message->to).empty())
    {
        return false;
    }
    osip_to_set_tag(m_message->to, osip_strdup(tag.c_str()));
    osip_message_force_update(m_message);
    return true;
}

std::string
SipMessage::GetToUri() const
{
    return m_message && m_message->to ? UriToString(m_message->to->url) : "";
}

std::string
SipMessage::GetToTag() const
{
    return m_message ? TagOf(m_message->to) : "";
}

bool
SipMessage::SetCallId(const std::string& callId)
{
    if (m_message == nullptr || callId.empty())
    {
        return false;
    }
    if (m_message->call_id != nullptr)
    {
        osip_call_id_free(m_message->call_id);
        m_message->call_id = nullptr;
    }
    return osip_message_set_call_id(m_message, callId.c_str()) == OSIP_SUCCESS;
}

std::string
SipMessage::GetCallId() const
{
    if (m_message == nullptr || m_message->call_id == nullptr)
    {
        return "";
    }
    char* text = nullptr;
    if (osip_call_id_to_str(m_message->call_id, &text) != OSIP_SUCCESS)
    {
        return "";
    }
    return TakeOsipString(text);
}

bool
SipMessage::SetCSeq(uint32_t number, const std::string& method)
{
    if (m_message == nullptr || method.empty())
    {
        return false;
    }
    if (m_message->cseq != nullptr)
    {
        osip_cseq_free(m_message->cseq);
        m_message->cseq = nullptr;
    }
    std::string value = std::to_string(number) + " " + method;
    return osip_message_set_cseq(m_message, value.c_str()) == OSIP_SUCCESS;
}

uint32_t
SipMessage::GetCSeqNumber() const
{
    if (m_message == nullptr || m_message->cseq == nullptr || m_message->cseq->number == nullptr)
    {
        return 0;
    }
    uint64_t number = 0;
    return ParseDecimal(m_message->cseq->number, number) && number <= 0xffffffff
               ? static_cast<uint32_t>(number)
               : 0;
}

std::string
SipMessage::GetCSeqMethod() const
{
    return m_message && m_message->cseq ? CopyOsipString(m_message->cseq->method) : "";
}

bool
SipMessage::PushVia(const std::string& host, uint16_t port, const std::string& branch)
{
    if (m_message == nullptr || host.empty() || branch.empty())
    {
        return false;
    }
    osip_via_t* via = nullptr;
    if (osip_via_init(&via) != OSIP_SUCCESS)
    {
        return false;
    }
    std::string value =
        std::string(VERSION) + "/UDP " + host + ":" + std::to_string(port) + ";branch=" + branch;
    if (osip_via_parse(via, value.c_str()) != OSIP_SUCCESS)
    {
        NS_LOG_WARN("PushVia: oSIP rejects '" << value << "'");
        osip_via_free(via);
        return false;
    }
    osip_list_add(&m_message->vias, via, 0);
    osip_message_force_update(m_message);
    return true;
}

bool
SipMessage::PopVia()
{
    if (m_message == nullptr || osip_list_size(&m_message->vias) <= 0)
    {
        return false;
    }
    auto via = static_cast<osip_via_t*>(osip_list_get(&m_message->vias, 0));
    osip_list_remove(&m_message->vias, 0);
    osip_via_free(via);
    osip_message_force_update(m_message);
    return true;
}

uint32_t
SipMessage::GetViaCount() const
{
    return m_message ? static_cast<uint32_t>(std::max(0, osip_list_size(&m_message->vias))) : 0;
}

namespace
{
/**
 * \param message an oSIP message (may be null)
 * \return its top Via, or null
 */
osip_via_t*
TopVia(const osip_message_t* message)
{
    if (message == nullptr || osip_list_size(&message->vias) <= 0)
    {
        return nullptr;
    }
    return static_cast<osip_via_t*>(osip_list_get(&message->vias, 0));
}

/**
 * \param via a Via header
 * \param name a parameter name
 * \return the parameter's value, "" if absent
 */
std::string
ViaParam(osip_via_t* via, const char* name)
{
    if (via == nullptr)
    {
        return "";
    }
    osip_generic_param_t* param = nullptr;
    if (osip_via_param_get_byname(via, const_cast<char*>(name), &param) != OSIP_SUCCESS ||
        param == nullptr)
    {
        return "";
    }
    return CopyOsipString(param->gvalue);
}
} // namespace

std::string
SipMessage::GetTopViaHost() const
{
    osip_via_t* via = TopVia(m_message);
    return via ? CopyOsipString(via->host) : "";
}

uint16_t
SipMessage::GetTopViaPort() const
{
    osip_via_t* via = TopVia(m_message);
    if (via == nullptr)
    {
        return 0;
    }
    uint64_t port = 0;
    if (via->port == nullptr || !ParseDecimal(via->port, port) || port == 0 || port > 65535)
    {
        return 5060;
    }
    return static_cast<uint16_t>(port);
}

std::string
SipMessage::GetTopViaBranch() const
{
    return ViaParam(TopVia(m_message), "branch");
}

bool
SipMessage::SetTopViaReceived(const std::string& address)
{
    osip_via_t* via = TopVia(m_message);
    if (via == nullptr || address.empty())
    {
        return false;
    }
    osip_generic_param_t* param = nullptr;
    if (osip_via_param_get_byname(via, const_cast<char*>("received"), &param) == OSIP_SUCCESS &&
        param != nullptr)
    {
        osip_free(param->gvalue);
        param->gvalue = osip_strdup(address.c_str());
    }
    else
    {
        osip_via_set_received(via, osip_strdup(address.c_str()));
    }
    osip_message_force_update(m_message);
    return true;
}

std::string
SipMessage::GetTopViaReceived() const
{
    return ViaParam(TopVia(m_message), "received");
}

bool
SipMessage::SetContact(const std::string& uri, int64_t expires)
{
    if (m_message == nullptr || uri.empty())
    {
        return false;
    }
    osip_list_special_free(&m_message->contacts, (void (*)(void*)) & osip_contact_free);
    std::string value = uri == "*" ? uri : "<" + uri + ">";
    if (expires >= 0)
    {
        value += ";expires=" + std::to_string(expires);
    }
    int rc = osip_message_set_contact(m_message, value.c_str());
    osip_message_force_update(m_message);
    return rc == OSIP_SUCCESS;
}

namespace
{
/**
 * \param message an oSIP message (may be null)
 * \return its first Contact, or null
 */
osip_contact_t*
FirstContact(const osip_message_t* message)
{
    if (message == nullptr)
    {
        return nullptr;
    }
    osip_contact_t* contact = nullptr;
    if (osip_message_get_contact(message, 0, &contact) < 0)
    {
        return nullptr;
    }
    return contact;
}
} // namespace

std::string
SipMessage::GetContactUri() const
{
    osip_contact_t* contact = FirstContact(m_message);
    if (contact == nullptr)
    {
        return "";
    }
    if (contact->url == nullptr)
    {
        // oSIP keeps the wildcard "Contact: *" as a display name.
        return contact->displayname && std::string(contact->displayname) == "*" ? "*" : "";
    }
    return UriToString(contact->url);
}

int64_t
SipMessage::GetContactExpires() const
{
    osip_contact_t* contact = FirstContact(m_message);
    if (contact == nullptr)
    {
        return -1;
    }
    osip_generic_param_t* param = nullptr;
    if (osip_contact_param_get_byname(contact, const_cast<char*>("expires"), &param) !=
            OSIP_SUCCESS ||
        param == nullptr || param->gvalue == nullptr)
    {
        return -1;
    }
    uint64_t value = 0;
    return ParseDecimal(param->gvalue, value) ? static_cast<int64_t>(value) : -1;
}

bool
SipMessage::SetExpires(uint32_t seconds)
{
    return SetHeader("Expires", std::to_string(seconds));
}

namespace
{
/**
 * \param message a message
 * \param name the name of a generic header with a decimal value
 * \return the header's value, or -1 if the message has no such header or
 *         its value is not a decimal number
 */
int64_t
DecimalHeader(const SipMessage& message, const std::string& name)
{
    uint64_t value = 0;
    return ParseDecimal(message.GetHeader(name), value) ? static_cast<int64_t>(value) : -1;
}
} // namespace

int64_t
SipMessage::GetExpires() const
{
    return DecimalHeader(*this, "Expires");
}

int64_t
SipMessage::GetRetryAfter() const
{
    std::string value = GetHeader("Retry-After");
    uint64_t seconds = 0;
    return ParseDecimal(value.substr(0, value.find_first_of("(;")), seconds)
               ? static_cast<int64_t>(seconds)
               : -1;
}

bool
SipMessage::SetMaxForwards(uint32_t hops)
{
    return SetHeader("Max-Forwards", std::to_string(hops));
}

int64_t
SipMessage::GetMaxForwards() const
{
    return DecimalHeader(*this, "Max-Forwards");
}

bool
SipMessage::SetHeader(const std::string& name, const std::string& value)
{
    if (m_message == nullptr || name.empty() ||
        name.find_first_of(": \t\r\n") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos)
    {
        return false;
    }
    // Remove the headers of that name, then add one with the name as given
    // (oSIP's osip_message_set_header would write it in lower case).
    for (int i = osip_list_size(&m_message->headers) - 1; i >= 0; --i)
    {
        auto header = static_cast<osip_header_t*>(osip_list_get(&m_message->headers, i));
        if (header != nullptr && header->hname != nullptr &&
            strcasecmp(header->hname, name.c_str()) == 0)
        {
            osip_list_remove(&m_message->headers, i);
            osip_header_free(header);
        }
    }
    osip_header_t* header = nullptr;
    if (osip_header_init(&header) != OSIP_SUCCESS)
    {
        return false;
    }
    osip_header_set_name(header, osip_strdup(name.c_str()));
    osip_header_set_value(header, osip_strdup(value.c_str()));
    osip_list_add(&m_message->headers, header, -1);
    osip_message_force_update(m_message);
    return true;
}

std::string
SipMessage::GetHeader(const std::string& name) const
{
    if (m_message == nullptr)
    {
        return "";
    }
    for (int i = 0; i < osip_list_size(&m_message->headers); ++i)
    {
        auto header = static_cast<osip_header_t*>(osip_list_get(&m_message->headers, i));
        if (header != nullptr && header->hname != nullptr &&
            strcasecmp(header->hname, name.c_str()) == 0)
        {
            return CopyOsipString(header->hvalue);
        }
    }
    return "";
}

bool
SipMessage::SetBody(const std::string& contentType, const std::string& body)
{
    if (m_message == nullptr || contentType.empty())
    {
        return false;
    }
    osip_list_special_free(&m_message->bodies, (void (*)(void*)) & osip_body_free);
    if (m_message->content_type != nullptr)
    {
        osip_content_type_free(m_message->content_type);
        m_message->content_type = nullptr;
    }
    if (m_message->content_length != nullptr)
    {
        osip_content_length_free(m_message->content_length);
        m_message->content_length = nullptr;
    }
    if (osip_message_set_content_type(m_message, contentType.c_str()) != OSIP_SUCCESS)
    {
        return false;
    }
    int rc =
        body.empty() ? OSIP_SUCCESS : osip_message_set_body(m_message, body.data(), body.size());
    osip_message_force_update(m_message);
    return rc == OSIP_SUCCESS;
}

std::string
SipMessage::GetContentType() const
{
    if (m_message == nullptr || m_message->content_type == nullptr ||
        m_message->content_type->type == nullptr)
    {
        return "";
    }
    std::string type = m_message->content_type->type;
    if (m_message->content_type->subtype != nullptr)
    {
        type += "/" + std::string(m_message->content_type->subtype);
    }
    return type;
}

std::string
SipMessage::GetBody() const
{
    if (m_message == nullptr)
    {
        return "";
    }
    osip_body_t* body = nullptr;
    if (osip_message_get_body(m_message, 0, &body) < 0 || body == nullptr || body->body == nullptr)
    {
        return "";
    }
    return std::string(body->body, body->length);
}

std::string
SipMessage::ToString() const
{
    if (m_message == nullptr)
    {
        return "";
    }
    char* text = nullptr;
    size_t length = 0;
    if (osip_message_to_str(m_message, &text, &length) != OSIP_SUCCESS || text == nullptr)
    {
        NS_LOG_WARN("oSIP cannot write the message");
        return "";
    }
    std::string copy(text, length);
    osip_free(text);
    return copy;
}

std::string
SipMessage::GetAor(const std::string& uri)
{
    osip_uri_t* parsed = ParseUri(uri);
    if (parsed == nullptr || parsed->host == nullptr)
    {
        if (parsed != nullptr)
        {
            osip_uri_free(parsed);
        }
        return "";
    }
    std::string aor = std::string(parsed->scheme) + ":";
    if (parsed->username != nullptr && parsed->username[0] != '\0')
    {
        aor += std::string(parsed->username) + "@";
    }
    std::string host = parsed->host;
    aor += host.find(':') == std::string::npos ? host : "[" + host + "]";
    osip_uri_free(parsed);
    return aor;
}

bool
SipMessage::GetUriHostPort(const std::string& uri, std::string& host, uint16_t& port)
{
    osip_uri_t* parsed = ParseUri(uri);
    if (parsed == nullptr || parsed->host == nullptr)
    {
        if (parsed != nullptr)
        {
            osip_uri_free(parsed);
        }
        return false;
    }
    host = parsed->host;
    uint64_t value = 5060;
    bool ok = parsed->port == nullptr ||
              (ParseDecimal(parsed->port, value) && value > 0 && value <= 65535);
    port = static_cast<uint16_t>(value);
    osip_uri_free(parsed);
    return ok;
}

std::string
SipMessage::GetUriUser(const std::string& uri)
{
    osip_uri_t* parsed = ParseUri(uri);
    if (parsed == nullptr)
    {
        return "";
    }
    std::string user = CopyOsipString(parsed->username);
    osip_uri_free(parsed);
    return user;
}

std::string
SipMessage::MakeUri(const std::string& user, const std::string& host, uint16_t port)
{
    std::string uri = "sip:";
    if (!user.empty())
    {
        uri += user + "@";
    }
    uri += host;
    if (port != 0)
    {
        uri += ":" + std::to_string(port);
    }
    return uri;
}

std::ostream&
operator<<(std::ostream& os, const SipMessage& message)
{
    os << (message.IsValid() ? message.ToString() : std::string("(invalid SIP message)"));
    return os;
}

} // namespace ns3

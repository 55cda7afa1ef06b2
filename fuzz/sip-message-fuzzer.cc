/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-fuzz
 * Fuzz target: SIP messages (model/sip-message.cc, GNU oSIP underneath) as
 * SipUserAgent::HandleRead and SipProxy::HandleRead get them: the input is
 * a UDP datagram's payload; an empty one is skipped as they skip it, and
 * SipMessage::Parse() decides whether it is a usable message.
 *
 * A message that parses is read with every accessor the user agent, the
 * transactions and the proxy use on received messages (URIs through
 * GetAor, GetUriHostPort, GetUriUser and SipInfoBody::ResolveUri; the top
 * Via; Contact and its expires; Expires; Max-Forwards; Info-Package;
 * Content-Type and body; an SDP or INFO body is parsed as the user agent
 * parses it). Round trip: ToString() parses again to every same field and
 * the same text (F4 in fuzz/README.md, fixed in SipMessage::Parse). What the
 * module sends in answer must parse at the next hop: the proxy's forwarded request (new
 * Request-URI, Max-Forwards, Via "received", its own Via on top), a response a user agent builds
 * for a request (CreateResponse, To tag, Contact), and the proxy's forwarded response (top Via
 * removed). Seeds: fuzz/corpus/sip-message/ (make-corpus.cc).
 */

#include "fuzz-common.h"

#include "ns3/sip-body.h"
#include "ns3/sip-message.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace
{

using namespace ns3;

/**
 * \param type a Content-Type
 * \return true for the bodies the module reads (SDP, the INFO bodies)
 */
bool
IsModuleType(const std::string& type)
{
    return type == SipSessionDescription::CONTENT_TYPE || type == SipInfoBody::ADD_CHANGE_TYPE ||
           type == SipInfoBody::ADD_CONFIRM_TYPE;
}

/// What a message says, as its receivers read it.
struct Fields
{
    bool request{false};       //!< IsRequest()
    std::string label;         //!< GetLabel()
    int status{0};             //!< GetStatusCode()
    std::string method;        //!< GetMethod()
    std::string requestUri;    //!< GetRequestUri()
    std::string fromUri;       //!< GetFromUri()
    std::string fromTag;       //!< GetFromTag()
    std::string toUri;         //!< GetToUri()
    std::string toTag;         //!< GetToTag()
    std::string callId;        //!< GetCallId()
    uint32_t cseq{0};          //!< GetCSeqNumber()
    std::string cseqMethod;    //!< GetCSeqMethod()
    uint32_t vias{0};          //!< GetViaCount()
    std::string viaHost;       //!< GetTopViaHost()
    uint16_t viaPort{0};       //!< GetTopViaPort()
    std::string branch;        //!< GetTopViaBranch()
    std::string received;      //!< GetTopViaReceived()
    std::string contact;       //!< GetContactUri()
    int64_t contactExpires{0}; //!< GetContactExpires()
    int64_t expires{0};        //!< GetExpires()
    int64_t maxForwards{0};    //!< GetMaxForwards()
    std::string infoPackage;   //!< GetHeader("Info-Package")
    std::string contentType;   //!< GetContentType()
    std::string body;          //!< GetBody()
    /// What the module derives from the four URIs (ReadUri()), in that order.
    std::string derived[4];

    /**
     * \param other fields of another message
     * \return the names of the fields that differ, with both values ("" if none)
     */
    std::string Diff(const Fields& other) const
    {
        std::ostringstream os;
        auto field = [&os](const char* name, const auto& a, const auto& b) {
            if (!(a == b))
            {
                os << " " << name << ": '" << a << "' / '" << b << "'";
            }
        };
        field("request", request, other.request);
        field("label", label, other.label);
        field("status", status, other.status);
        field("method", method, other.method);
        field("request-uri", requestUri, other.requestUri);
        field("from", fromUri, other.fromUri);
        field("to", toUri, other.toUri);
        field("contact", contact, other.contact);
        for (int i = 0; i < 4; ++i)
        {
            field("derived", derived[i], other.derived[i]);
        }
        field("from-tag", fromTag, other.fromTag);
        field("to-tag", toTag, other.toTag);
        field("call-id", callId, other.callId);
        field("cseq", cseq, other.cseq);
        field("cseq-method", cseqMethod, other.cseqMethod);
        field("vias", vias, other.vias);
        field("via-host", viaHost, other.viaHost);
        field("via-port", viaPort, other.viaPort);
        field("branch", branch, other.branch);
        field("received", received, other.received);
        field("contact-expires", contactExpires, other.contactExpires);
        field("expires", expires, other.expires);
        field("max-forwards", maxForwards, other.maxForwards);
        field("info-package", infoPackage, other.infoPackage);
        field("content-type", contentType, other.contentType);
        field("body", body, other.body);
        return os.str();
    }
};

/**
 * \brief Read a URI as the user agent and the proxy do.
 * \param uri the URI
 * \return what they derive from it: its address of record, host and port,
 *         user, and the IP address and port it resolves to
 */
std::string
ReadUri(const std::string& uri)
{
    std::string host;
    uint16_t port = 0;
    IpAddress address;
    std::string aor = SipMessage::GetAor(uri);
    if (!aor.empty())
    {
        // The proxy reads the AOR again (IsOurDomain, GetUriUser).
        SipMessage::GetUriHostPort(aor, host, port);
        SipMessage::GetUriUser(aor);
    }
    std::ostringstream derived;
    derived << aor;
    bool parsed = SipMessage::GetUriHostPort(uri, host, port);
    derived << " | " << parsed << " " << host << ":" << port;
    derived << " | " << SipMessage::GetUriUser(uri);
    parsed = SipInfoBody::ResolveUri(uri, address, port);
    derived << " | " << parsed << " " << address << ":" << port;
    return derived.str();
}

/**
 * \brief Read a valid message with every accessor its receivers use.
 * \param message the message
 * \return what it says
 */
Fields
Read(const SipMessage& message)
{
    FUZZ_CHECK(message.IsValid() && message.IsRequest() != message.IsResponse(),
               "a valid message is neither a request nor a response, or both");
    Fields f;
    f.request = message.IsRequest();
    f.label = message.GetLabel();
    f.status = message.GetStatusCode();
    f.method = message.GetMethod();
    message.GetReasonPhrase();
    f.requestUri = message.GetRequestUri();
    f.fromUri = message.GetFromUri();
    f.fromTag = message.GetFromTag();
    f.toUri = message.GetToUri();
    f.toTag = message.GetToTag();
    f.callId = message.GetCallId();
    f.cseq = message.GetCSeqNumber();
    f.cseqMethod = message.GetCSeqMethod();
    f.vias = message.GetViaCount();
    f.viaHost = message.GetTopViaHost();
    f.viaPort = message.GetTopViaPort();
    f.branch = message.GetTopViaBranch();
    f.received = message.GetTopViaReceived();
    f.contact = message.GetContactUri();
    f.contactExpires = message.GetContactExpires();
    f.expires = message.GetExpires();
    f.maxForwards = message.GetMaxForwards();
    f.infoPackage = message.GetHeader("Info-Package");
    f.contentType = message.GetContentType();
    f.body = message.GetBody();

    // What Parse() promises (the headers RFC 3261 8.1.1 makes mandatory).
    FUZZ_CHECK(f.vias >= 1 && !f.viaHost.empty() && f.viaPort != 0,
               "a parsed message without a usable top Via");
    FUZZ_CHECK(f.cseq <= 0x7fffffff, "CSeq " << f.cseq);
    FUZZ_CHECK(!f.cseqMethod.empty(), "no CSeq method");
    FUZZ_CHECK(!f.request || f.method == f.cseqMethod,
               "request " << f.method << " with CSeq method " << f.cseqMethod);
    FUZZ_CHECK(f.request || (f.status >= 100 && f.status <= 699), "status " << f.status);

    const std::string* uris[4] = {&f.requestUri, &f.fromUri, &f.toUri, &f.contact};
    for (int i = 0; i < 4; ++i)
    {
        f.derived[i] = ReadUri(*uris[i]);
    }
    IpAddress address;
    SipInfoBody::ParseAddress(f.received.empty() ? f.viaHost : f.received, address);

    // The bodies the user agent reads (HandleInvite, InviteAnswered, HandleInfo).
    if (f.contentType == SipSessionDescription::CONTENT_TYPE)
    {
        SipSessionDescription sdp;
        SipSessionDescription::Parse(mobisocket_fuzz::AsReceived(f.body), sdp);
    }
    else if (f.contentType == SipInfoBody::ADD_CHANGE_TYPE)
    {
        AddChangeHeader change;
        SipInfoBody::Decode(f.body, change);
    }
    else if (f.contentType == SipInfoBody::ADD_CONFIRM_TYPE)
    {
        AddConfirmHeader confirm;
        SipInfoBody::Decode(f.body, confirm);
    }
    return f;
}

/**
 * \brief Send a message (its text) to the next hop, which parses it.
 * \param message what the module sends
 * \param what what it is, for the failure message
 * \return the message as the next hop parses it
 */
SipMessage
SendOn(const SipMessage& message, const char* what)
{
    std::string text = message.ToString();
    FUZZ_CHECK(!text.empty(), what << ": no text");
    SipMessage parsed = SipMessage::Parse(text);
    FUZZ_CHECK(parsed.IsValid(), what << " does not parse at the next hop:\n" << text);
    Read(parsed);
    return parsed;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
    {
        return 0; // HandleRead skips empty datagrams
    }
    SipMessage message = SipMessage::Parse(data, size);
    if (!message.IsValid())
    {
        FUZZ_CHECK(message.ToString().empty() && message.GetLabel() == "invalid",
                   "an invalid message has content");
        return 0;
    }
    const Fields fields = Read(message);

    // Round trip: the text parses again and is a fixed point from then on.
    const std::string text = message.ToString();
    SipMessage again = SendOn(message, "the message's own text");
    // Parse() keeps only messages that oSIP writes back stably (F4 in
    // fuzz/README.md): every field survives the round trip, and the text is
    // a fixed point.
    const std::string diff = fields.Diff(Read(again));
    FUZZ_CHECK(diff.empty(), "fields differ after a round trip:" << diff << "\n" << text);
    const std::string second = again.ToString();
    FUZZ_CHECK(second == text, "the text is not a fixed point:\n" << text << "\n---\n" << second);
    SipMessage copy(message);
    FUZZ_CHECK(copy.ToString() == text, "a copy has another text");

    if (message.IsRequest())
    {
        // SipProxy::ForwardRequest: a contact as Request-URI, Max-Forwards,
        // "received" on the top Via, the proxy's Via on top.
        SipMessage forwarded(message);
        forwarded.SetRequestUri("sip:ch@10.2.1.2:5060");
        forwarded.SetMaxForwards(
            fields.maxForwards < 0
                ? 70
                : static_cast<uint32_t>(std::max<int64_t>(fields.maxForwards - 1, 0)));
        forwarded.SetTopViaReceived("10.1.2.2");
        FUZZ_CHECK(forwarded.PushVia("10.1.1.1", 5060, "z9hG4bK-px0123456789abcdef"),
                   "PushVia refused");
        SipMessage next = SendOn(forwarded, "the proxy's forwarded request");
        FUZZ_CHECK(!next.IsValid() || (next.GetViaCount() == fields.vias + 1 &&
                                       next.GetTopViaBranch() == "z9hG4bK-px0123456789abcdef"),
                   "the forwarded request lost its Via stack");

        // SipUserAgent::Reply / HandleInvite and SipProxy::Reject: a response.
        for (int status : {100, 200, 404, 488})
        {
            SipMessage response = SipMessage::CreateResponse(message, status);
            FUZZ_CHECK(response.IsValid(), "no " << status << " for a valid request");
            if (response.GetToTag().empty())
            {
                response.SetToTag("5e1f00d2");
            }
            response.SetContact("sip:ch@10.2.1.2:5060");
            SipMessage answer = SendOn(response, "a response");
            FUZZ_CHECK(!answer.IsValid() || (answer.GetStatusCode() == status &&
                                             answer.GetCallId() == fields.callId &&
                                             answer.GetViaCount() == fields.vias),
                       "the response does not match its request");
        }
    }
    else
    {
        // SipProxy::ForwardResponse: the proxy's Via removed, sent on if one is left.
        SipMessage forwarded(message);
        FUZZ_CHECK(forwarded.PopVia(), "PopVia refused");
        if (forwarded.GetViaCount() > 0)
        {
            SendOn(forwarded, "the proxy's forwarded response");
        }
    }
    return 0;
}

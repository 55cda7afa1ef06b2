/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SIP_MESSAGE_H
#define SIP_MESSAGE_H

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>

struct osip_message; // GNU oSIP's message (osip_message_t); kept out of the public headers

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief A SIP message (RFC 3261): an RAII wrapper over GNU oSIP's
 *        osip_message_t.
 *
 * Messages are built and parsed by oSIP: the factory functions create the
 * start line, the setters hand each header value to oSIP's own setters (or
 * oSIP's header objects), and ToString() is osip_message_to_str(). The class
 * exposes what a user agent and a proxy need: method or status, Request-URI,
 * Call-ID, CSeq, From/To with their tags, the Via stack, Contact, Expires,
 * Max-Forwards, other headers by name, Content-Type and body.
 *
 * A default-constructed message, and the result of parsing text that is not
 * a usable SIP message, is invalid (IsValid() is false); every accessor of an
 * invalid message returns an empty value and every setter returns false, so
 * bad input never crashes. Parse() accepts a message only if oSIP parses it
 * and it has the headers RFC 3261 section 8.1.1 makes mandatory for routing
 * (Via, From, To, Call-ID, CSeq with a number and, for a request, the
 * request's method), and only if the text ToString() writes for it parses
 * to the same text: the message returned is exactly what a proxy forwards
 * (oSIP accepts some text it cannot write back; fuzz/README.md, F4).
 *
 * IPv6 (RFC 3261 section 19.1.1 and 25.1, RFC 5954): the host of a URI and
 * the sent-by host of a Via are IPv6 references, in brackets
 * ("sip:mh@[2001:db8::1]:5060", "SIP/2.0/UDP [2001:db8::1]:5060"). oSIP
 * 5.3.0 parses them and keeps the host without its brackets (which
 * GetTopViaHost() and GetUriHostPort() return) and writes the brackets back
 * for a host with a colon; it also accepts an IPv6 host without brackets or
 * with text after the closing one, which Parse() and every URI accessor
 * refuse here. The "received" parameter carries an IPv6 address without
 * brackets (RFC 3261 section 20.42 grammar).
 *
 * Messages are values: copying clones the oSIP message.
 */
class SipMessage
{
  public:
    /// The magic cookie that starts every RFC 3261 branch parameter.
    static constexpr const char* BRANCH_MAGIC = "z9hG4bK";
    /// The SIP version written in start lines.
    static constexpr const char* VERSION = "SIP/2.0";

    /// An invalid (empty) message.
    SipMessage();
    ~SipMessage();
    /**
     * \brief Deep copy.
     * \param other the message to copy
     */
    SipMessage(const SipMessage& other);
    /**
     * \brief Deep copy assignment.
     * \param other the message to copy
     * \return this message
     */
    SipMessage& operator=(const SipMessage& other);
    /**
     * \brief Move.
     * \param other the message to move from (left invalid)
     */
    SipMessage(SipMessage&& other) noexcept;
    /**
     * \brief Move assignment.
     * \param other the message to move from (left invalid)
     * \return this message
     */
    SipMessage& operator=(SipMessage&& other) noexcept;

    /**
     * \brief Initialize oSIP's parser (parser_init()) once per process and
     *        route oSIP's own diagnostics to this class's log component
     *        instead of stderr. Called by every factory function.
     */
    static void InitializeParser();

    /**
     * \brief Create a request with its start line and Max-Forwards: 70.
     * \param method the method (e.g. "REGISTER", "INVITE", "INFO")
     * \param requestUri the Request-URI (e.g. "sip:ch@mobisocket.test")
     * \return the request, invalid if the URI does not parse
     */
    static SipMessage CreateRequest(const std::string& method, const std::string& requestUri);

    /**
     * \brief Create a response to a request (RFC 3261 8.2.6): copies its
     *        Via headers, From, To, Call-ID and CSeq.
     * \param request the request
     * \param statusCode the status code (100-699)
     * \param reason the reason phrase; empty for oSIP's standard one
     * \return the response, invalid if the request is invalid
     */
    static SipMessage CreateResponse(const SipMessage& request,
                                     int statusCode,
                                     const std::string& reason = "");

    /**
     * \brief Parse received text with osip_message_parse(), keeping it only if
     *        it writes back stably (see the class description).
     * \param text the message
     * \return the message, or an invalid one
     */
    static SipMessage Parse(const std::string& text);

    /**
     * \brief Parse received bytes as Parse(const std::string&) does.
     * \param data the bytes
     * \param size their number
     * \return the message, or an invalid one
     */
    static SipMessage Parse(const uint8_t* data, size_t size);

    /// \return true if this holds a message
    bool IsValid() const;
    /// \return true for a valid request
    bool IsRequest() const;
    /// \return true for a valid response
    bool IsResponse() const;

    /// \return the method of a request (empty for a response)
    std::string GetMethod() const;
    /// \return the status code of a response (0 for a request)
    int GetStatusCode() const;
    /// \return the reason phrase of a response
    std::string GetReasonPhrase() const;
    /**
     * \return a short label for statistics: the method of a request
     *         ("INFO"), the status code and CSeq method of a response
     *         ("200 INFO")
     */
    std::string GetLabel() const;

    /// \return the Request-URI of a request
    std::string GetRequestUri() const;
    /**
     * \brief Replace the Request-URI of a request.
     * \param uri the new URI
     * \return false if it does not parse or this is not a request
     */
    bool SetRequestUri(const std::string& uri);

    /**
     * \brief Set the From header.
     * \param uri the URI
     * \param tag the tag (empty: none)
     * \return false on failure
     */
    bool SetFrom(const std::string& uri, const std::string& tag);
    /// \return the From URI
    std::string GetFromUri() const;
    /// \return the From tag (empty if none)
    std::string GetFromTag() const;

    /**
     * \brief Set the To header.
     * \param uri the URI
     * \param tag the tag (empty: none)
     * \return false on failure
     */
    bool SetTo(const std::string& uri, const std::string& tag = "");
    /**
     * \brief Add a tag to the To header (a UAS answering a request).
     * \param tag the tag
     * \return false if there is no To header or it already has a tag
     */
    bool SetToTag(const std::string& tag);
    /// \return the To URI
    std::string GetToUri() const;
    /// \return the To tag (empty if none)
    std::string GetToTag() const;

    /**
     * \param callId the Call-ID
     * \return false on failure
     */
    bool SetCallId(const std::string& callId);
    /// \return the Call-ID
    std::string GetCallId() const;

    /**
     * \param number the CSeq number
     * \param method the CSeq method
     * \return false on failure
     */
    bool SetCSeq(uint32_t number, const std::string& method);
    /// \return the CSeq number (0 if absent)
    uint32_t GetCSeqNumber() const;
    /// \return the CSeq method
    std::string GetCSeqMethod() const;

    /**
     * \brief Add a Via header on top of the others (the sender's).
     * \param host the sent-by host (an IPv6 reference in brackets)
     * \param port the sent-by port
     * \param branch the branch parameter (should start with BRANCH_MAGIC)
     * \return false on failure
     */
    bool PushVia(const std::string& host, uint16_t port, const std::string& branch);
    /**
     * \brief Remove the top Via header (a proxy forwarding a response).
     * \return false if there is none
     */
    bool PopVia();
    /// \return the number of Via headers
    uint32_t GetViaCount() const;
    /// \return the sent-by host of the top Via (an IPv6 reference without its brackets)
    std::string GetTopViaHost() const;
    /// \return the sent-by port of the top Via (5060 if it has none, 0 if there is no Via)
    uint16_t GetTopViaPort() const;
    /// \return the branch parameter of the top Via
    std::string GetTopViaBranch() const;
    /**
     * \brief Set the "received" parameter of the top Via (RFC 3261 18.2.1).
     * \param address the source address the request came from
     * \return false if there is no Via
     */
    bool SetTopViaReceived(const std::string& address);
    /// \return the "received" parameter of the top Via (empty if none)
    std::string GetTopViaReceived() const;

    /**
     * \brief Replace the Contact headers with one.
     * \param uri the contact URI
     * \param expires its "expires" parameter in seconds, or -1 for none
     * \return false on failure
     */
    bool SetContact(const std::string& uri, int64_t expires = -1);
    /// \return the URI of the first Contact ("*" for a wildcard; empty if none)
    std::string GetContactUri() const;
    /// \return the "expires" parameter of the first Contact, or -1
    int64_t GetContactExpires() const;

    /**
     * \param seconds the Expires header value
     * \return false on failure
     */
    bool SetExpires(uint32_t seconds);
    /// \return the Expires header value, or -1 if absent or malformed
    int64_t GetExpires() const;

    /**
     * \param hops the Max-Forwards header value
     * \return false on failure
     */
    bool SetMaxForwards(uint32_t hops);
    /// \return the Max-Forwards header value, or -1 if absent or malformed
    int64_t GetMaxForwards() const;
    /**
     * \return the delta-seconds of the Retry-After header (RFC 3261 20.33: a
     *         comment and parameters may follow), or -1 if absent or malformed
     */
    int64_t GetRetryAfter() const;

    /**
     * \brief Set a header that oSIP keeps as a generic header (e.g.
     *        "Info-Package", "Recv-Info"), replacing any of the same name.
     * \param name the header name (as it should be written)
     * \param value the value
     * \return false on failure
     */
    bool SetHeader(const std::string& name, const std::string& value);
    /**
     * \param name a header name (case-insensitive)
     * \return the value of the first generic header of that name, or ""
     */
    std::string GetHeader(const std::string& name) const;

    /**
     * \brief Replace the body.
     * \param contentType the Content-Type (e.g. "application/sdp")
     * \param body the body
     * \return false on failure
     */
    bool SetBody(const std::string& contentType, const std::string& body);
    /// \return the Content-Type as "type/subtype" (empty if none)
    std::string GetContentType() const;
    /// \return the (first) body, empty if none
    std::string GetBody() const;

    /// \return the message text (osip_message_to_str), empty if invalid
    std::string ToString() const;

    /**
     * \param uri a SIP URI
     * \return its address of record "sip:user@host" (no port, no
     *         parameters; an IPv6 host in brackets), or "" if it does not
     *         parse
     */
    static std::string GetAor(const std::string& uri);
    /**
     * \brief Read the host and port of a SIP URI.
     * \param uri the URI
     * \param[out] host its host (an IPv6 reference without its brackets)
     * \param[out] port its port (5060 if it has none)
     * \return false if it does not parse, or its host is an IPv6 address
     *         without brackets or brackets are misplaced
     */
    static bool GetUriHostPort(const std::string& uri, std::string& host, uint16_t& port);
    /**
     * \param uri a SIP URI
     * \return its user part, or ""
     */
    static std::string GetUriUser(const std::string& uri);
    /**
     * \brief Build "sip:user@host[:port]".
     * \param user the user part (may be empty)
     * \param host the host (an IPv6 reference in brackets)
     * \param port the port, 0 for none
     * \return the URI
     */
    static std::string MakeUri(const std::string& user, const std::string& host, uint16_t port);

  private:
    /**
     * \brief Take ownership of an oSIP message.
     * \param message the message (may be null)
     */
    explicit SipMessage(osip_message* message);

    /**
     * \brief One pass of osip_message_parse() with the mandatory-header check.
     * \param data the bytes
     * \param size their number
     * \return the message, or an invalid one
     */
    static SipMessage ParseOnce(const uint8_t* data, size_t size);

    /// \return true if the parsed message has what routing needs
    bool HasMandatoryHeaders() const;

    /**
     * \param text the headers of the text this message was parsed from
     * \return true if the hosts of its Request-URI, From, To, Contacts and
     *         Vias are written in their own start line or headers (compact
     *         names and folded lines included) as RFC 3261 has them: an IPv6
     *         reference in brackets followed by a port, parameters or the
     *         end of the URI, no brackets around anything else
     */
    bool HostsWrittenAsParsed(const std::string& text) const;

    osip_message* m_message; //!< the oSIP message, owned; null when invalid
};

/**
 * \brief Print a message's text.
 * \param os the stream
 * \param message the message
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const SipMessage& message);

} // namespace ns3

#endif /* SIP_MESSAGE_H */

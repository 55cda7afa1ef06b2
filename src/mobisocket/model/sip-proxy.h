/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SIP_PROXY_H
#define SIP_PROXY_H

#include "ip-address.h"
#include "sip-message.h"

#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <map>
#include <string>

namespace ns3
{

class Socket;

/**
 * \ingroup mobisocket
 * \brief A SIP registrar and stateless proxy (RFC 3261 sections 10 and
 *        16.11) over UDP: the paper's "SIP server".
 *
 * Registrar: a REGISTER whose Request-URI names the Domain binds the AOR of
 * its To header to its Contact for the requested lifetime (Contact
 * "expires" parameter, else the Expires header, else DefaultExpires, at
 * most MaxExpires; 0 removes the binding, "Contact: *" with "Expires: 0"
 * removes them all). The 200 OK lists the binding with its granted
 * lifetime. One contact per AOR: a new REGISTER replaces it (a host that
 * moved registers its new address).
 *
 * Proxy: any other request whose Request-URI is an AOR of the Domain is
 * forwarded to the registered contact (the Request-URI becomes the
 * contact); a Request-URI with an IP address as host is forwarded to that host. The
 * proxy decrements Max-Forwards (483 Too Many Hops when it is 0), adds its
 * own Via with a branch computed from the request (so that a retransmission
 * gets the same branch, as a stateless proxy must) and answers 404 Not Found
 * for an AOR without a binding. Responses are routed back by their Via
 * headers: the proxy removes its own (top) Via and sends the response to the
 * next one's sent-by (or "received") address. Being stateless, it relies on
 * the user agents' client transactions for retransmissions. An ACK is
 * forwarded when it can be and never answered. Digest authentication is not
 * modelled.
 *
 * The proxy serves one address family: IPv6 if the Ipv6Address attribute is
 * set (it listens on UDP over IPv6 and writes "SIP/2.0/UDP [address]:port"
 * in its Via), IPv4 otherwise. The "received" parameter it adds carries the
 * source address without brackets (RFC 3261 section 20.42).
 */
class SipProxy : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SipProxy();
    ~SipProxy() override;

    /**
     * \param aor an address of record (any SIP URI: only user and host count)
     * \return the contact registered for it, "" if none or expired
     */
    std::string GetBinding(const std::string& aor) const;

    /// \return the number of AORs with an unexpired binding
    uint32_t GetBindingCount() const;

    /// \return the address the proxy writes in its Via headers (IPv6 if Ipv6Address is set)
    IpAddress GetAddress() const;

    /// \return requests forwarded
    uint32_t GetForwardedRequests() const;
    /// \return responses forwarded
    uint32_t GetForwardedResponses() const;
    /// \return requests answered with an error by the proxy itself
    uint32_t GetRejectedRequests() const;
    /// \return datagrams that were not usable SIP messages, and responses that could not be routed
    uint32_t GetDroppedMessages() const;

    /**
     * TracedCallback signature for SIP messages sent or received.
     * \param [in] message the message
     * \param [in] bytes its size on the wire (UDP payload)
     */
    typedef void (*MessageTracedCallback)(const SipMessage& message, uint32_t bytes);
    /**
     * TracedCallback signature for binding changes.
     * \param [in] aor the address of record
     * \param [in] contact the contact ("" when the binding was removed)
     * \param [in] expires the granted lifetime
     */
    typedef void (*BindingTracedCallback)(const std::string& aor,
                                          const std::string& contact,
                                          Time expires);
    /**
     * TracedCallback signature for requests the proxy answers with an error.
     * \param [in] request the request
     * \param [in] status the status code sent
     */
    typedef void (*RejectedTracedCallback)(const SipMessage& request, int status);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// Stop receiving and close the socket, if any.
    void CloseSocket();

    /// A registration.
    struct Binding
    {
        std::string contact; //!< the contact URI
        Time expiry;         //!< when it expires (absolute)
    };

    /**
     * \brief Read the datagrams waiting on the socket.
     * \param socket the socket
     */
    void HandleRead(Ptr<Socket> socket);
    /**
     * \brief Process one message (after the processing delay).
     * \param message the message
     * \param source its source address
     * \param port its source port
     */
    void Process(SipMessage message, IpAddress source, uint16_t port);
    /**
     * \brief Registrar.
     * \param request the REGISTER
     * \param source its source address
     * \param port its source port
     */
    void HandleRegister(const SipMessage& request, IpAddress source, uint16_t port);
    /**
     * \brief Proxy a request.
     * \param request the request
     * \param source its source address
     * \param port its source port
     */
    void ForwardRequest(SipMessage request, IpAddress source, uint16_t port);
    /**
     * \brief Route a response back by its Via headers.
     * \param response the response
     */
    void ForwardResponse(SipMessage response);
    /**
     * \brief Answer a request statelessly.
     * \param request the request
     * \param status the status code
     * \param source where the request came from
     * \param port its source port
     */
    void Reject(const SipMessage& request, int status, IpAddress source, uint16_t port);
    /**
     * \brief Create the proxy's own response to a request. A request without
     *        a To tag gets one derived from its Call-ID, so that a
     *        retransmitted request is answered with the same tag.
     * \param request the request
     * \param status the status code
     * \return the response
     */
    static SipMessage CreateTaggedResponse(const SipMessage& request, int status);
    /**
     * \brief Send a message.
     * \param message the message
     * \param destination where to
     * \param port the destination port
     */
    void Send(const SipMessage& message, IpAddress destination, uint16_t port);
    /**
     * \param request a request
     * \return the branch of the proxy's Via for it (equal for retransmissions)
     */
    std::string ComputeBranch(const SipMessage& request) const;
    /**
     * \param uri a URI
     * \return true if its host is the Domain
     */
    bool IsOurDomain(const std::string& uri) const;

    uint16_t m_port{5060};  //!< UDP port
    std::string m_domain;   //!< the domain served
    Ipv4Address m_address;  //!< IPv4 address written in Via (Any: the node's first address)
    Ipv6Address m_address6; //!< IPv6 address written in Via (Any: the proxy is IPv4)
    Time m_defaultExpires;  //!< lifetime when the REGISTER asks for none
    Time m_maxExpires;      //!< longest lifetime granted
    Time m_processingDelay; //!< per-message service time
    Ptr<Socket> m_socket;   //!< UDP socket
    std::map<std::string, Binding> m_bindings; //!< by AOR
    uint32_t m_forwardedRequests{0};           //!< counter
    uint32_t m_forwardedResponses{0};          //!< counter
    uint32_t m_rejected{0};                    //!< counter
    uint32_t m_dropped{0};                     //!< counter

    TracedCallback<const SipMessage&, uint32_t> m_txTrace; //!< "MessageSent"
    TracedCallback<const SipMessage&, uint32_t> m_rxTrace; //!< "MessageReceived"
    TracedCallback<const std::string&, const std::string&, Time> m_bindingTrace; //!< "Binding"
    TracedCallback<const SipMessage&, int> m_rejectedTrace; //!< "RequestRejected"
};

} // namespace ns3

#endif /* SIP_PROXY_H */

/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SIP_USER_AGENT_H
#define SIP_USER_AGENT_H

#include "change-exchange.h"
#include "crypto-types.h"
#include "mobi-socket.h"
#include "mobility-control-header.h"
#include "sip-message.h"
#include "sip-transaction.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <array>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

class Socket;
class SignatureAuthenticator;
class UniformRandomVariable;

/**
 * \ingroup mobisocket
 * \brief A SIP user agent (RFC 3261 over UDP) that keeps a MobiSocket
 *        session alive across address changes: the paper's "SIP
 *        application" (its Figure 1).
 *
 * It registers its address of record (Aor) with a registrar (SipProxy),
 * calls a peer through the proxy (INVITE, 200 OK, ACK) and answers calls
 * automatically. The SDP of the INVITE and of the 200 OK describe the
 * session's TCP connection (RFC 4145) and carry each side's Ed25519 public
 * key (SipSessionDescription), so each end learns the other's key during
 * call set-up.
 *
 * The update is the module's ChangeExchange (GetExchange()), owned by the
 * user agent: the application authenticates the change and calls the
 * socket's UpdateTcb, as the paper has it. The user agent is the
 * exchange's transport (a SIP INFO of the Info Package "mobisocket-update",
 * RFC 6086, body SipInfoBody) and its view of the connection (the session's
 * MobiSocket, through its public calls); messages are signed with Ed25519
 * (SignatureAuthenticator), the peer's key learnt from the SDP.
 *
 * When the host gets a new address (NotifyAddressChange(), e.g. from a DHCP
 * client's NewLease), the UA, as the *mover*:
 * 1. rewrites the source of the session's MobiSocket
 *    (UpdateTcb(SOURCE, new address));
 * 2. has its exchange announce the change: an AddChange (token of the
 *    connection, a per-session increasing sequence number, the address the
 *    peer knows it by, the new address, the connection's port), signed
 *    (CryptoAgent: the INFO leaves after the modelled CPU time);
 * 3. sends it in an INFO. UpdateMode Direct: straight to the peer's last
 *    known contact (the paper's optimization). UpdateMode ViaProxy: first
 *    re-REGISTER the new contact and wait for the 200 OK, then sign and send
 *    the INFO to the proxy, addressed to the peer's AOR.
 *
 * The *peer*, on such an INFO, answers 200 OK at once (RFC 6086: the 200
 * says the INFO was received, not that its content was accepted), or 503
 * with Retry-After (RETRY_AFTER_S) if its exchange's check budget is
 * spent, and the mover sends the AddChange again in a new INFO when the
 * Retry-After has passed; its exchange checks the token, the sequence number, the old address and
 * the signature (acting after the CPU time), then the UA rewrites the destination of its socket
 * (UpdateTcb(DESTINATION)), and the exchange signs an AddConfirm that the UA sends in its own INFO
 * to the mover's new contact (Direct) or through the proxy (ViaProxy). Following the paper's
 * ordering rule ("start sending when they receive the INFO from the other
 * end, start receiving after they send the INFO") the peer calls
 * ResetTimer() after it has updated and sent its INFO, the mover after it
 * has verified the confirming INFO (attribute ResetTimer).
 *
 * A failed check changes nothing: it is counted (GetRejectCount()) and
 * traced (MessageRejected here, Rejected on the exchange). An INFO that
 * gets no final response is retransmitted by its client transaction
 * (Timer E) and given up after Timer F (the exchange's Failed trace,
 * TRANSPORT_TIMEOUT); a mover that gets no valid AddConfirm within 64*T1 of
 * its INFO gives up (NOT_CONFIRMED). Unparsable datagrams are counted
 * (GetParseErrorCount()) and dropped.
 *
 * One session (one call, one MobiSocket connection) per user agent.
 *
 * The user agent speaks SIP over the family of its proxy: IPv6 if
 * ProxyIpv6Address is set (its UDP socket is then an IPv6 one, its address
 * the node's IPv6 source address towards the proxy, its URIs and Via
 * "sip:mh@[2001:db8::1]:5060" and "SIP/2.0/UDP [2001:db8::1]:5060", its SDP
 * "c=IN IP6 2001:db8::1"), IPv4 otherwise. The session's connection and
 * every address change are of that family.
 */
class SipUserAgent : public Application,
                     public ChangeExchange::Connection,
                     public ChangeExchange::Transport
{
  public:
    /// Where the mover sends its INFO.
    enum UpdateMode
    {
        DIRECT = 0,   //!< to the peer's last known contact, at once
        VIA_PROXY = 1 //!< to the proxy (peer's AOR), after re-registering
    };

    /// The SIP port (RFC 3261), the default of LocalPort and ProxyPort.
    static constexpr uint16_t DEFAULT_PORT = 5060;

    /// The Retry-After (s) of a 503 to an INFO whose AddChange found the check budget spent.
    static constexpr uint32_t RETRY_AFTER_S = 1;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SipUserAgent();
    ~SipUserAgent() override;

    /**
     * \brief Set this end's Ed25519 key pair (its public key goes into the
     *        SDP; it signs AddChange and AddConfirm).
     * \param keyPair the key pair
     */
    void SetKeyPair(const Ed25519KeyPair& keyPair);

    /**
     * \brief Register the current contact with the registrar (ProxyAddress).
     * \return false if the UA cannot send (no node, no proxy address)
     */
    bool Register();

    /**
     * \brief Call a peer through the proxy: INVITE with an SDP offer (this
     *        end is the active, connecting side), 200 OK, ACK.
     * \param peerAor the peer's address of record
     * \return false if a session exists, the AOR is invalid, or the UA
     *         cannot send
     */
    bool Call(const std::string& peerAor);

    /**
     * \brief Give the UA the session's connected MobiSocket (the TCP
     *        connection carrying the session's media).
     * \param socket the socket (null to forget it)
     */
    void SetSessionSocket(Ptr<MobiSocket> socket);

    /// \return the session's socket (null if none)
    Ptr<MobiSocket> GetSessionSocket() const;

    /**
     * \brief The host has a new address: start the update procedure (see the
     *        class description).
     * \param newAddress the new address (must be assigned to the node)
     */
    void NotifyAddressChange(IpAddress newAddress);

    /// \return the exchange that carries this session's address changes
    Ptr<ChangeExchange> GetExchange() const;

    /// \return true if the peer's public key was learnt from the SDP
    bool HasPeerPublicKey() const;
    /// \return the peer's public key (all zero if not learnt)
    Ed25519PublicKey GetPeerPublicKey() const;
    /// \return the peer's contact URI (its remote target), "" if no session
    std::string GetPeerContact() const;
    /// \return the peer's address of record, "" if no session
    std::string GetPeerAor() const;
    /// \return this UA's contact URI
    std::string GetContact() const;
    /// \return the address this UA uses (its host's current address)
    IpAddress GetLocalAddress() const;
    /// \return the registrar / outbound proxy: ProxyIpv6Address if set, else ProxyAddress
    IpAddress GetProxyAddress() const;
    /// \return true once a REGISTER was answered with a 2xx (until one fails)
    bool IsRegistered() const;
    /// \return true once the INVITE was answered and acknowledged
    bool IsSessionEstablished() const;
    /// \return the session's Call-ID ("" if none)
    std::string GetCallId() const;

    /**
     * \param reason a reason
     * \return how many received update messages (INFOs, or their content)
     *         were rejected for it
     */
    uint32_t GetRejectCount(ChangeRejectReason reason) const;
    /// \return update messages rejected for any reason
    uint32_t GetRejectCount() const;
    /// \return received datagrams that are not usable SIP messages
    uint32_t GetParseErrorCount() const;
    /// \return request and response retransmissions sent
    uint32_t GetRetransmissionCount() const;
    /// \return the sequence number of the peer's last accepted AddChange (0: none)
    uint32_t GetLastAcceptedSequence() const;

    /**
     * \brief Fix the random stream used for tags, branches and Call-IDs.
     * \param stream the stream index
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * TracedCallback signature for SIP messages sent or received.
     * \param [in] message the message
     * \param [in] bytes its size on the wire (UDP payload)
     */
    typedef void (*MessageTracedCallback)(const SipMessage& message, uint32_t bytes);
    /**
     * TracedCallback signature for a successful registration.
     * \param [in] contact the registered contact
     * \param [in] expires the registration's lifetime granted by the registrar
     */
    typedef void (*RegisteredTracedCallback)(const std::string& contact, Time expires);
    /**
     * TracedCallback signature for an established session.
     * \param [in] callId the session's Call-ID
     * \param [in] peerContact the peer's contact
     */
    typedef void (*SessionTracedCallback)(const std::string& callId,
                                          const std::string& peerContact);
    /**
     * TracedCallback signature for a failed call.
     * \param [in] status the final status code (0: timeout)
     */
    typedef void (*CallFailedTracedCallback)(int status);
    /**
     * TracedCallback signature for rejected update messages.
     * \param [in] type the message type
     * \param [in] reason why
     */
    typedef void (*RejectedTracedCallback)(MobilityControlHeader::MessageType type,
                                           ChangeRejectReason reason);

  protected:
    void DoDispose() override;

    // ChangeExchange::Connection: the session's MobiSocket, through the paper's API
    bool CanRelocate() const override;
    uint64_t GetExchangeToken() const override;
    IpAddress GetExchangeLocalAddress() const override;
    uint16_t GetExchangeLocalPort() const override;
    IpAddress GetExchangePeerAddress() const override;
    bool MovePeer(const AddressUpdateHeader& update) override;
    void ChangeCompleted(bool restart) override;

    // ChangeExchange::Transport: SIP INFO, retransmitted by its transaction
    void SendUpdate(const AddressUpdateHeader& message) override;
    void SendConfirm(const AddressConfirmHeader& message) override;
    Time GetConfirmationTimeout(uint32_t transmissions) const override;
    uint32_t GetMaxRetransmissions() const override;
    bool RetransmitsItself() const override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// The session (one call).
    struct Session
    {
        bool exists{false};               //!< a call is set up or being set up
        bool established{false};          //!< 2xx and ACK done
        bool caller{false};               //!< this end sent the INVITE
        std::string callId;               //!< Call-ID
        std::string localTag;             //!< this end's tag
        std::string remoteTag;            //!< the peer's tag
        std::string peerAor;              //!< the peer's address of record
        std::string remoteTarget;         //!< the peer's contact
        uint32_t localCSeq{0};            //!< last CSeq this end used
        uint32_t inviteCSeq{0};           //!< CSeq of the INVITE
        uint32_t remoteCSeq{0};           //!< highest CSeq the peer used
        Ed25519PublicKey peerKey{};       //!< learnt from the SDP
        bool hasPeerKey{false};           //!< peerKey is set
        SipMessage ack;                   //!< the ACK sent (caller), re-sent on 2xx retransmissions
        Ptr<SipServerTransaction> invite; //!< the INVITE's server transaction (callee)
    };

    /// \return false if the socket cannot be created
    bool EnsureSocket();
    /// \return the source address the node would use towards the proxy (in its family)
    IpAddress FindLocalAddress() const;
    /// \return the user part of the AOR
    std::string GetUser() const;
    /// \return the host part of the AOR (the domain)
    std::string GetDomain() const;
    /// \return T1, T2 and T4
    SipTimers GetTimers() const;
    /// \return a new tag
    std::string NewTag();
    /// \return a new RFC 3261 branch
    std::string NewBranch();

    /**
     * \brief The transport: send a message in one datagram.
     * \param message the message
     * \param destination where to
     * \param port the destination port
     * \param retransmission whether it is a retransmission
     */
    void Transmit(const SipMessage& message,
                  IpAddress destination,
                  uint16_t port,
                  bool retransmission);
    /**
     * \brief Read the datagrams waiting on the socket.
     * \param socket the socket
     */
    void HandleRead(Ptr<Socket> socket);
    /**
     * \brief Start a client transaction for a request.
     * \param request the request (with its Via)
     * \param destination where to send it
     * \param port the destination port
     * \return the transaction
     */
    Ptr<SipClientTransaction> StartClientTransaction(const SipMessage& request,
                                                     IpAddress destination,
                                                     uint16_t port);
    /**
     * \brief Build a request within the session's dialog.
     * \param method the method
     * \param requestUri the Request-URI
     * \return the request (new CSeq, Via and Contact)
     */
    SipMessage BuildInDialogRequest(const std::string& method, const std::string& requestUri);
    /**
     * \brief Pick where an update INFO (AddChange or AddConfirm) goes, per
     *        UpdateMode: to the proxy, addressed to the peer's AOR (ViaProxy),
     *        or to the peer's contact (Direct).
     * \param[out] target the Request-URI
     * \param[out] destination where to send the INFO
     * \param[out] port the destination port
     * \return false if Direct and the peer's contact does not resolve
     *         (SipInfoBody::ResolveUri); destination is then the proxy's
     *         address, and port the proxy's or what the resolution wrote
     */
    bool GetUpdateRoute(std::string& target, IpAddress& destination, uint16_t& port) const;
    /**
     * \brief Build an INFO of the mobisocket-update Info Package within the
     *        session's dialog.
     * \param target the Request-URI
     * \param contentType the body's Content-Type
     * \param body the body
     * \return the request (new CSeq, Via and Contact)
     */
    SipMessage BuildUpdateInfo(const std::string& target,
                               const std::string& contentType,
                               const std::string& body);

    /**
     * \brief A request arrived.
     * \param request the request
     * \param source its source address
     * \param port its source port
     */
    void ReceiveRequest(const SipMessage& request, IpAddress source, uint16_t port);
    /**
     * \brief A response arrived.
     * \param response the response
     */
    void ReceiveResponse(const SipMessage& response);
    /**
     * \brief A client transaction passes a response up.
     * \param transaction the transaction
     * \param response the response
     */
    void TransactionResponse(Ptr<SipClientTransaction> transaction, const SipMessage& response);
    /**
     * \brief A client transaction timed out.
     * \param transaction the transaction
     */
    void TransactionTimeout(Ptr<SipClientTransaction> transaction);
    /**
     * \brief A server transaction terminated.
     * \param transaction the transaction
     */
    void ServerTransactionFinished(Ptr<SipServerTransaction> transaction);

    /**
     * \brief Answer a request with a response that carries no body.
     * \param transaction its server transaction
     * \param status the status code
     */
    void Reply(Ptr<SipServerTransaction> transaction, int status);
    /**
     * \brief An INVITE arrived (new server transaction).
     * \param request the INVITE
     * \param transaction its server transaction
     */
    void HandleInvite(const SipMessage& request, Ptr<SipServerTransaction> transaction);
    /**
     * \brief An ACK arrived.
     * \param request the ACK
     */
    void HandleAck(const SipMessage& request);
    /**
     * \brief An INFO arrived (new server transaction).
     * \param request the INFO
     * \param transaction its server transaction
     */
    void HandleInfo(const SipMessage& request, Ptr<SipServerTransaction> transaction);
    /**
     * \brief A BYE arrived (new server transaction).
     * \param request the BYE
     * \param transaction its server transaction
     */
    void HandleBye(const SipMessage& request, Ptr<SipServerTransaction> transaction);

    /**
     * \brief The response to a REGISTER.
     * \param transaction its transaction
     * \param response the response (invalid: timeout)
     */
    void RegisterAnswered(Ptr<SipClientTransaction> transaction, const SipMessage& response);
    /**
     * \brief The response to the INVITE.
     * \param response the response (invalid: timeout)
     */
    void InviteAnswered(const SipMessage& response);
    /**
     * \brief The response to an INFO.
     * \param transaction its transaction
     * \param response the response (invalid: timeout)
     */
    void InfoAnswered(Ptr<SipClientTransaction> transaction, const SipMessage& response);
    /**
     * \brief Send the pending AddChange in a new INFO transaction (first, or
     *        again after a 503), or fail the change if the peer's contact
     *        does not resolve.
     * \param body the INFO body (SipInfoBody::Encode of the AddChange)
     * \return false if it could not be sent
     */
    bool SendUpdateInfo(const std::string& body);

    /// Give the exchange this end's keys and the peer's (made on first use).
    void SyncAuthenticator();

    /**
     * \brief The address could not be announced: report it, and register
     *        the new contact anyway if registered.
     * \param failure why
     */
    void FailBeforeUpdate(ChangeFailReason failure);

    /**
     * \brief Count, log and trace a rejected update message.
     * \param type its message type
     * \param reason why
     */
    void RejectInfo(MobilityControlHeader::MessageType type, ChangeRejectReason reason);

    /**
     * \brief Reply to an INFO that does not belong to the exchange, and reject it.
     * \param transaction its server transaction
     * \param status the SIP status
     * \param reason why it is rejected
     */
    void RefuseInfo(Ptr<SipServerTransaction> transaction, int status, ChangeRejectReason reason);

    /// \param resetTimer the ResetTimer attribute
    void SetResetTimer(bool resetTimer);
    /// \return the ResetTimer attribute
    bool GetResetTimer() const;

    // Attributes
    std::string m_aor;                  //!< address of record
    Ipv4Address m_proxyAddress;         //!< registrar / outbound proxy over IPv4
    Ipv6Address m_proxyAddress6;        //!< registrar / outbound proxy over IPv6 (:: for none)
    uint16_t m_proxyPort{DEFAULT_PORT}; //!< its port
    uint16_t m_localPort{DEFAULT_PORT}; //!< UDP port of this UA
    Time m_registerExpires;             //!< requested registration lifetime
    Time m_t1;                          //!< RFC 3261 T1
    Time m_t2;                          //!< RFC 3261 T2
    Time m_t4;                          //!< RFC 3261 T4
    UpdateMode m_updateMode{DIRECT};    //!< where the mover's INFO goes
    bool m_resetTimer{true};            //!< call ResetTimer per the paper's ordering rule
    bool m_refreshOnMove{true};         //!< Direct mode: also re-REGISTER after a move
    uint16_t m_mediaPort{5001};         //!< port of the passive end in the SDP

    // Transport and identity
    Ptr<Socket> m_socket;                                       //!< UDP socket
    IpAddress m_localAddress;                                   //!< current address of the host
    Ed25519KeyPair m_keyPair;                                   //!< this end's keys
    Ptr<UniformRandomVariable> m_rng;                           //!< tags, branches, Call-IDs
    std::map<std::string, Ptr<SipClientTransaction>> m_clients; //!< by branch
    std::map<std::string, Ptr<SipServerTransaction>> m_servers; //!< by key

    // Registration
    bool m_registered{false};                        //!< last REGISTER succeeded
    std::string m_registerCallId;                    //!< Call-ID of all REGISTERs
    std::string m_registerTag;                       //!< From tag of all REGISTERs
    uint32_t m_registerCSeq{0};                      //!< last REGISTER CSeq
    Ptr<SipClientTransaction> m_registerTransaction; //!< current REGISTER
    EventId m_refreshEvent;                          //!< registration refresh
    bool m_updateAwaitsRegistration{false};          //!< ViaProxy: announce after the 200 OK

    // The session
    Session m_session;               //!< the call
    Ptr<MobiSocket> m_sessionSocket; //!< its TCP connection

    // The update
    Ptr<ChangeExchange> m_exchange;                 //!< the session's address changes
    Ptr<SignatureAuthenticator> m_authenticator;    //!< signs and verifies them
    Ptr<SipClientTransaction> m_updateTransaction;  //!< the INFO with the AddChange
    EventId m_updateRetry;                          //!< its next copy, after a 503
    Ptr<SipClientTransaction> m_confirmTransaction; //!< the INFO with the AddConfirm
    std::map<uint32_t, std::string> m_infoContacts; //!< Contact of each AddChange INFO, by sequence

    // Counters
    std::array<uint32_t, N_CHANGE_REJECT_REASONS> m_rejects{}; //!< per reason
    uint32_t m_parseErrors{0};                                 //!< unusable datagrams
    uint32_t m_retransmissions{0};                             //!< retransmissions sent

    // Trace sources
    TracedCallback<const SipMessage&, uint32_t> m_txTrace;                 //!< "MessageSent"
    TracedCallback<const SipMessage&, uint32_t> m_rxTrace;                 //!< "MessageReceived"
    TracedCallback<const SipMessage&, uint32_t> m_retransmissionTrace;     //!< "Retransmission"
    TracedCallback<const std::string&, Time> m_registeredTrace;            //!< "Registered"
    TracedCallback<const std::string&, const std::string&> m_sessionTrace; //!< "SessionEstablished"
    TracedCallback<int> m_callFailedTrace;                                 //!< "CallFailed"
    TracedCallback<MobilityControlHeader::MessageType, ChangeRejectReason>
        m_rejectedTrace; //!< "MessageRejected"
};

} // namespace ns3

#endif /* SIP_USER_AGENT_H */

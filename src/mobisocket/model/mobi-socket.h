/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MOBI_SOCKET_H
#define MOBI_SOCKET_H

#include "change-authenticator.h"
#include "mobility-control-header.h"
#include "ns3-compat.h"
#include "signalling-tcp-socket.h"

#include "ns3/callback.h"
#include "ns3/traced-callback.h"

namespace ns3
{

/**
 * \defgroup mobisocket MobiSocket
 * A TCP socket that stays ESTABLISHED when either end's address changes
 * (Vu Truong Thanh and Yoshiyori Urano, "Mobile TCP socket for secure
 * applications"), with models of TCP-R and of the redirect daemon as
 * baselines.
 */

/**
 * \ingroup mobisocket
 * \brief The MobiSocket: a TCP socket whose connection survives an address
 *        change of either end, the application authenticating the change.
 *
 * The paper's API maps to:
 * - acvMobi() -> ActivateMobility(): offer mobility in the SYN (RFC 6994
 *   option, kind 253, ExID 0x4D53). Mobility is active on a connection only
 *   when both ends offered it; a peer without MobiSocket ignores the option
 *   and the connection is plain TCP.
 * - updateTCB() -> UpdateTcb(): rewrite this end's (SOURCE) or the peer's
 *   (DESTINATION) address and port in the live connection.
 * - copyTCB() -> CopyTcb(): move the connection to another socket bound to
 *   another interface/port; the old socket goes without FIN or RST.
 * - resetTimer() -> ResetTimer(): restart transmission as if an ACK had just
 *   arrived, without the backoff accumulated during the outage.
 *
 * The AddChange/AddConfirm messages are available in-band (Signalling =
 * InBand): after UpdateTcb(SOURCE) the socket's ChangeExchange sends a
 * signed AddChange from its new address as an URG segment; the peer's stack
 * delivers it through the MobilityDemux, the peer verifies it (with the
 * public key the application handed it, or through the application's
 * verifier callback), updates its TCB and answers with a signed AddConfirm
 * (GetExchange() gives the exchange and its trace sources). With
 * Signalling = Application (default) the application does the signalling
 * (SIP INFO in the paper) and calls UpdateTcb on both ends itself.
 *
 * After UpdateTcb(SOURCE) or CopyTcb the socket sends no data until
 * ResetTimer() is called or its retransmission timer expires: the paper's
 * rule that each end starts sending when it has the other end's INFO.
 *
 * While mobility is active the connection is retained through outages (see
 * RelocatableTcpSocket), up to the MobilityTimeout attribute.
 *
 * Errors follow the ns-3 convention: methods return 0, or -1 with GetErrno()
 * set; the reason is also logged at WARN level of "MobiSocket".
 */
class MobiSocket : public SignallingTcpSocket
{
  public:
    /// Who signals an address change to the peer.
    enum Signalling : uint8_t
    {
        APPLICATION = 0, //!< the application (e.g. SIP INFO); no in-band messages are sent
        IN_BAND = 1      //!< the socket sends AddChange after UpdateTcb(SOURCE)/CopyTcb
    };

    /// RFC 6994 experiment identifier of the mobility option ("MS").
    static constexpr uint16_t EXID = 0x4D53;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
#if MOBISOCKET_OBJECT_OVERRIDES_INSTANCE_TYPE_ID
    /// \return this object's TypeId (ns-3 < 3.45 asks the subclass)
    TypeId GetInstanceTypeId() const override;
#endif

    MobiSocket();
    /**
     * \brief Copy constructor (a listening MobiSocket forks MobiSockets).
     * \param other the socket to copy
     */
    MobiSocket(const MobiSocket& other);
    ~MobiSocket() override;

    /**
     * \brief The paper's acvMobi(): offer mobility for this socket's
     *        connection. Call before Connect() or Listen()'s handshakes;
     *        a listening socket passes it on to the connections it accepts.
     * \return 0, or -1 with ERROR_ISCONN if the handshake has already begun
     */
    int ActivateMobility();

    /**
     * \return true if this end activated mobility, the peer supports it, and
     *         the connection is synchronized
     */
    bool IsMobilityActive() const;

    /**
     * \brief The paper's updateTCB(): rewrite an address of the live
     *        connection.
     * \param direction SOURCE (this end) or DESTINATION (the peer)
     * \param newAddress an InetSocketAddress on an IPv4 connection, an
     *        Inet6SocketAddress on an IPv6 one; port 0 keeps the current port
     * \return 0, or -1 with errno: ERROR_INVAL (not an Inet/Inet6SocketAddress,
     *         an address that cannot identify a host: wildcard, broadcast,
     *         multicast, loopback, link-local; bad direction),
     *         ERROR_AFNOSUPPORT (the other family than the connection's, or
     *         an IPv4-mapped IPv6 address),
     *         ERROR_NOTCONN (no connection), ERROR_OPNOTSUPP (mobility not
     *         active; in-band signalling without a key pair),
     *         ERROR_ADDRNOTAVAIL (SOURCE address not on this node),
     *         ERROR_ADDRINUSE (port or 4-tuple in use)
     */
    int UpdateTcb(Direction direction, const Address& newAddress);

    /**
     * \brief The paper's copyTCB(): move oldSocket's connection to newSocket.
     *
     * newSocket must be on the same node, bound (Bind) to another local
     * address and/or port and not connected. All connection state moves to
     * it except the local address and port, as the paper lists it: current
     * states, CWND, AWND and RTO (the congestion policy is applied only with
     * the CongestionPolicyOnCopy attribute); oldSocket is released without
     * FIN or RST. newSocket sends no data until ResetTimer() or its RTO (with
     * in-band signalling: until the peer's AddConfirm). The application must
     * set its callbacks on newSocket.
     * \param newSocket the socket that takes the connection
     * \param oldSocket the socket that holds it
     * \return 0, or -1 with errno set on the non-null sockets: ERROR_INVAL
     *         (null, same socket, other node, newSocket not bound),
     *         ERROR_ISCONN (newSocket connected or listening), ERROR_NOTCONN
     *         (oldSocket has no connection), ERROR_OPNOTSUPP (mobility not
     *         active), ERROR_AFNOSUPPORT (newSocket bound to the other
     *         family), ERROR_INVAL (newSocket bound to a link-local or other
     *         non-host address), ERROR_NOROUTETOHOST,
     *         ERROR_ADDRINUSE
     */
    static int CopyTcb(Ptr<MobiSocket> newSocket, Ptr<MobiSocket> oldSocket);

    /**
     * \brief The paper's resetTimer(): put the socket in the state it would
     *        be in right after receiving an ACK (retry counter reloaded, RTO
     *        recomputed without backoff) and send the first unacknowledged
     *        segment at once (a pure ACK if nothing is outstanding).
     * \return 0, or -1 with ERROR_NOTCONN if there is no connection
     */
    int ResetTimer();

    /**
     * \brief Give the socket this end's key pair (signs AddChange/AddConfirm).
     * \param keyPair the key pair
     */
    void SetLocalKeyPair(const Ed25519KeyPair& keyPair);

    /**
     * \brief Give the socket the peer's public key (verifies its messages).
     * \param publicKey the peer's public key
     */
    void SetPeerPublicKey(const Ed25519PublicKey& publicKey);

    /// \return this end's key pair (unset if none was given)
    Ed25519KeyPair GetLocalKeyPair() const;

    /// Application verifier for an AddChange: return true to accept it.
    typedef Callback<bool, Ptr<MobiSocket>, const AddChangeHeader&> AddChangeVerifier;
    /// Application verifier for an AddConfirm: return true to accept it.
    typedef Callback<bool, Ptr<MobiSocket>, const AddConfirmHeader&> AddConfirmVerifier;

    /**
     * \brief Let the application authenticate AddChange messages (used when
     *        the socket has no peer public key).
     * \param verifier the callback
     */
    void SetAddChangeVerifier(AddChangeVerifier verifier);

    /**
     * \brief Let the application authenticate AddConfirm messages (used when
     *        the socket has no peer public key).
     * \param verifier the callback
     */
    void SetAddConfirmVerifier(AddConfirmVerifier verifier);

    /**
     * TracedCallback signature for the negotiation outcome.
     * \param [in] active whether mobility is active on the connection
     */
    typedef void (*NegotiatedTracedCallback)(bool active);

  protected:
    Ptr<TcpSocketBase> Fork() override;
    void DoDispose() override;
    void NotifyEstablished() override;
    /**
     * \param family a family
     * \return true: MobiSocket offers mobility on IPv4 and IPv6 connections
     */
    bool IsFamilySupported(IpAddress::Family family) const override;

  private:
    /**
     * \brief Record an error and return -1.
     * \param error the errno to set
     * \param what a message for the log
     * \return -1
     */
    int Fail(SocketErrno error, const std::string& what) const;

    /**
     * \brief The checks of UpdateTcb common to both directions.
     * \param direction the direction
     * \param newAddress the address given
     * \return 0 if the call may proceed, else -1 (errno set)
     */
    int CheckUpdateTcb(Direction direction, const Address& newAddress) const;

    /**
     * \brief The checks of CopyTcb on the two sockets.
     * \param newSocket the socket that takes the connection
     * \param oldSocket the socket that holds it
     * \return "" if the call may proceed, else why not (errno set on both)
     */
    static std::string CheckCopyTcb(Ptr<MobiSocket> newSocket, Ptr<MobiSocket> oldSocket);

    /// \return the signature authenticator of this socket's exchange (made on first use)
    Ptr<SignatureAuthenticator> GetSignatureAuthenticator();

    /**
     * \brief The application's verdict on an AddChange, when no peer key is set.
     * \param message an AddChange
     * \return the application verifier's answer
     */
    bool VerifyChange(const MobilityControlHeader& message);

    /**
     * \brief The application's verdict on an AddConfirm, when no peer key is set.
     * \param message an AddConfirm
     * \return the application verifier's answer
     */
    bool VerifyConfirm(const MobilityControlHeader& message);

    /// Hand the application's verifiers, if any, to the authenticator.
    void InstallVerifiers();

    /// \return true if the in-band exchange can sign this end's messages
    bool CanSign() const;

    Signalling m_signalling{APPLICATION};        //!< who signals changes
    Ptr<SignatureAuthenticator> m_authenticator; //!< keys (shared with the exchange)
    AddChangeVerifier m_addChangeVerifier;       //!< application verifier
    AddConfirmVerifier m_addConfirmVerifier;     //!< application verifier
    TracedCallback<bool> m_negotiatedTrace;      //!< "MobilityNegotiated"
};

} // namespace ns3

#endif /* MOBI_SOCKET_H */
